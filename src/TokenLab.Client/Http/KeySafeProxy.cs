using System;
using System.Net;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// The system proxy with credentials of our own, for a WebSocket on .NET Framework: setting credentials
    /// on the shared system proxy object would change them for every other user of it in the process.
    /// </summary>
    internal sealed class SystemProxyWithCredentials : IWebProxy
    {
        private readonly IWebProxy system;

        public SystemProxyWithCredentials(IWebProxy system, ICredentials credentials)
        {
            this.system = system;
            Credentials = credentials;
        }

        public ICredentials? Credentials { get; set; }

        public Uri? GetProxy(Uri destination) => system.GetProxy(destination);

        public bool IsBypassed(Uri host) => system.IsBypassed(host);
    }
}
