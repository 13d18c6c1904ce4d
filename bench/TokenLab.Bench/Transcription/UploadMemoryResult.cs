namespace TokenLab.Bench.Transcription;

/// <summary>
/// The peak live heap growth while a file uploaded through the cmdlet, through a buffering client for
/// comparison, and while a larger WAV went up in parts with -Split.
/// </summary>
internal sealed record UploadMemoryResult(long UploadBytes, long CmdletGrowth, long BufferedGrowth, long SplitBytes, long SplitGrowth);
