using System.Collections.Generic;

namespace TokenLab.Bench;

/// <summary>A scenario's figures: the raw-socket floor, each way, and what the emulator allocated per call (left out of the ways' figures).</summary>
internal sealed record ScenarioResult(string Title, int Models, CallSummary Floor, IReadOnlyList<CallSummary> Ways, double EmulatorBytesPerCall);
