using System;
using System.IO;

namespace TokenLab.PowerShell.Output
{
    /// <summary>What the cmdlet knows about a transcript beyond its content: the input, the call and the file written.</summary>
    internal sealed class TranscriptionOrigin
    {
        public TranscriptionOrigin(string source, string model, string task)
        {
            Source = source;
            Model = model;
            Task = task;
        }

        public string Source { get; }

        public string Model { get; }

        public string Task { get; }

        public string? RequestId { get; set; }

        public string? TaskId { get; set; }

        public string? BillingTransactionId { get; set; }

        public TimeSpan Elapsed { get; set; }

        public int Parts { get; set; } = 1;

        public FileInfo? OutFile { get; set; }

        public bool Skipped { get; set; }

        public EstimatedCost? EstimatedCost { get; set; }
    }
}
