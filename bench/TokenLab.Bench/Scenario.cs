using System.Collections.Generic;

namespace TokenLab.Bench;

/// <summary>One API call (a GET of <paramref name="Path"/>) made several ways; the first way is the baseline for ratios.</summary>
internal sealed record Scenario(string Title, string Path, int BatchSize, IReadOnlyList<CallWay> Ways);
