using System;
using System.Collections.Generic;

namespace TokenLab.Client.Transcription
{
    /// <summary>The shared empty set of additional fields.</summary>
    internal static class EmptyFields
    {
        public static readonly IReadOnlyDictionary<string, object?> Instance = new Dictionary<string, object?>(StringComparer.Ordinal);
    }
}
