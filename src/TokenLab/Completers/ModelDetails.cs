using System;
using TokenLab.Client.Models;

namespace TokenLab.PowerShell.Completers
{
    /// <summary>What the catalog said about one model for a command: its details, or why they could not be read.</summary>
    internal sealed class ModelDetails
    {
        public ModelDetails(string modelId, TokenLabModel? model, Exception? failure)
        {
            ModelId = modelId;
            Model = model;
            Failure = failure;
        }

        public string ModelId { get; }

        /// <summary>The details; null when the catalog could not be read.</summary>
        public TokenLabModel? Model { get; }

        /// <summary>Why there are no details (null when there are, or when a refresh is still to come).</summary>
        public Exception? Failure { get; }

        /// <summary>The reason, for a verbose note: "the catalog could not be read (…)".</summary>
        public string FailureText => Failure?.Message.TrimEnd('.') ?? "the catalog gave no details";
    }
}
