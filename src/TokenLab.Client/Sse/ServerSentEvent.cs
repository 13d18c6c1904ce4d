namespace TokenLab.Client.Sse
{
    /// <summary>One dispatched server-sent event: its <c>event:</c> name (null when absent) and joined <c>data:</c> lines.</summary>
    internal sealed class ServerSentEvent
    {
        public ServerSentEvent(string? name, string data)
        {
            Name = name;
            Data = data;
        }

        public string? Name { get; }

        public string Data { get; }
    }
}
