namespace TokenLab.Emulator.Tasks;

/// <summary>How an accepted asynchronous task ends.</summary>
public enum TaskOutcome
{
    /// <summary><c>status: completed</c>, with the transcript as <c>result</c>.</summary>
    Completed,

    /// <summary><c>status: failed</c>, with an <c>error</c>.</summary>
    Failed,

    /// <summary><c>status: failed</c> with <c>cancelled: true</c>, as the service shows cancelled tasks.</summary>
    Cancelled,
}
