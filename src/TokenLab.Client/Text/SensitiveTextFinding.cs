using System.Globalization;

namespace TokenLab.Client.Text
{
    /// <summary>Where a secret was found and of what kind. It never holds the secret itself.</summary>
    public sealed class SensitiveTextFinding
    {
        internal SensitiveTextFinding(SensitiveTextKind kind, string description, int index, int length, int line, int column)
        {
            Kind = kind;
            Description = description;
            Index = index;
            Length = length;
            Line = line;
            Column = column;
        }

        /// <summary>The kind of secret.</summary>
        public SensitiveTextKind Kind { get; }

        /// <summary>The kind in words, for messages: "a TokenLab API key (sk-...)".</summary>
        public string Description { get; }

        /// <summary>Zero-based offset of the match in the text.</summary>
        public int Index { get; }

        /// <summary>Length of the match.</summary>
        public int Length { get; }

        /// <summary>One-based line of the match.</summary>
        public int Line { get; }

        /// <summary>One-based column of the match.</summary>
        public int Column { get; }

        /// <summary>"a TokenLab API key (sk-...) at line 2, column 14".</summary>
        public override string ToString() =>
            Description + " at line " + Line.ToString(CultureInfo.InvariantCulture) + ", column " + Column.ToString(CultureInfo.InvariantCulture);
    }
}
