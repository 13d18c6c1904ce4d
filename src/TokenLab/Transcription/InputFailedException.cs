using System;
using System.Management.Automation;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>A failure of one input that already has its error record (split or save problems).</summary>
    internal sealed class InputFailedException : Exception
    {
        public InputFailedException(ErrorRecord record)
            : base(record.Exception.Message, record.Exception)
        {
            ErrorRecord = record;
        }

        public ErrorRecord ErrorRecord { get; }
    }
}
