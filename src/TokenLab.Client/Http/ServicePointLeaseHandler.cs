using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Http
{
    /// <summary>
    /// .NET Framework's stand-in for PooledConnectionLifetime: HttpClientHandler keeps its connections in the
    /// ServicePoint of the host (or proxy), and only that ServicePoint's ConnectionLeaseTimeout makes a
    /// long-running runbook open fresh connections, and so notice a DNS change. A ServicePoint is shared by
    /// everything in the process that talks to the same host, so this is as local as the setting gets: only
    /// the ServicePoint a request of ours goes through, only while it still has the default (no lease), and
    /// set before each request because an idle ServicePoint is dropped and made anew with the defaults.
    /// </summary>
    internal sealed class ServicePointLeaseHandler : DelegatingHandler
    {
        private readonly int leaseMilliseconds;

        public ServicePointLeaseHandler(HttpClientHandler inner, TimeSpan lease)
            : base(inner)
        {
            leaseMilliseconds = (int)lease.TotalMilliseconds;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is Uri uri)
            {
                var handler = (HttpClientHandler)InnerHandler!;
                IWebProxy? proxy = handler.UseProxy ? handler.Proxy ?? WebRequest.DefaultWebProxy : null;
                ServicePoint servicePoint = ServicePointManager.FindServicePoint(uri, proxy);
                if (servicePoint.ConnectionLeaseTimeout == Timeout.Infinite)
                {
                    servicePoint.ConnectionLeaseTimeout = leaseMilliseconds;
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
