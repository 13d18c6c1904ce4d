namespace TokenLab.Emulator.Catalog;

/// <summary>A model's 24-hour evidence for one <c>recommended_for</c> scene; status is "ready" or "insufficient_samples".</summary>
internal sealed record SceneRecommendation(int? PreferredRank, double? SuccessRate24h, int SampleCount24h, string Status);
