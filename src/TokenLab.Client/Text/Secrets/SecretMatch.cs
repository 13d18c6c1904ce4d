namespace TokenLab.Client.Text.Secrets
{
    /// <summary>A secret-shaped span of the text and what it looks like.</summary>
    internal readonly struct SecretMatch
    {
        public SecretMatch(int index, int length, SensitiveTextKind kind, string description)
        {
            Index = index;
            Length = length;
            Kind = kind;
            Description = description;
        }

        public int Index { get; }

        public int Length { get; }

        public int End => Index + Length;

        public SensitiveTextKind Kind { get; }

        public string Description { get; }
    }
}
