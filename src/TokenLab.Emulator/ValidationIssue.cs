using System.Text.Json.Serialization;

namespace TokenLab.Emulator;

/// <summary>One entry of a 400 body's top-level <c>validation_errors</c> array.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ValidationIssue(string Field, string Message, string? Code = null);
