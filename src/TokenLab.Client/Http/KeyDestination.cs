using System;

namespace TokenLab.Client.Http
{
    /// <summary>
    /// Where the API key may go: only to the configured origin (scheme, host and port of the base URI), and
    /// over plain http or ws only to loopback. Checked for the base URI when the client is built and again
    /// for every request as it is sent (HTTP and WebSocket), whatever built its URI.
    /// </summary>
    internal sealed class KeyDestination
    {
        private readonly Uri baseUri;
        private readonly bool carriesKey;

        public KeyDestination(Uri baseUri, bool carriesKey)
        {
            this.baseUri = baseUri;
            this.carriesKey = carriesKey;
        }

        /// <summary>Why the key may not go over plain http to <paramref name="uri"/>; null when it may.</summary>
        public static string? PlainTextRefusal(Uri uri) =>
            IsPlainText(uri) && !uri.IsLoopback
                ? "Refusing to send the API key over plain http to " + uri.Host
                    + ". Use https, or http only to a loopback host (localhost, 127.0.0.1, ::1)."
                : null;

        /// <summary>http and ws: anything on the path can read the request, the key included.</summary>
        public static bool IsPlainText(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == "ws";

        /// <summary>True when <paramref name="uri"/> has the base URI's origin (ws and wss count as http and https).</summary>
        public bool IsSameOrigin(Uri uri) =>
            uri.IsAbsoluteUri
            && HttpScheme(uri.Scheme) == baseUri.Scheme
            && string.Equals(uri.IdnHost, baseUri.IdnHost, StringComparison.OrdinalIgnoreCase)
            && uri.Port == baseUri.Port;

        /// <summary>Throws unless a request carrying the key may be sent to <paramref name="uri"/>.</summary>
        /// <exception cref="TokenLabConfigurationException">The key would leave the configured origin or go over plain http off the machine.</exception>
        public void EnsureAllowed(Uri? uri)
        {
            if (!carriesKey)
            {
                return;
            }

            if (uri is null || !IsSameOrigin(uri))
            {
                throw new TokenLabConfigurationException("Refusing to send the API key to " + Origin(uri) + ": it goes only to "
                    + Origin(baseUri) + ", the configured base URI.");
            }

            if (PlainTextRefusal(uri) is string refusal)
            {
                throw new TokenLabConfigurationException(refusal);
            }
        }

        private static string HttpScheme(string scheme) =>
            scheme == "ws" ? Uri.UriSchemeHttp : scheme == "wss" ? Uri.UriSchemeHttps : scheme;

        private static string Origin(Uri? uri) =>
            uri is null || !uri.IsAbsoluteUri ? "a relative address" : uri.Scheme + "://" + uri.Authority;
    }
}
