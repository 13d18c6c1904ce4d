using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;

namespace TokenLab.Client.Diagnostics
{
    /// <summary>
    /// Formats the lines sent to <see cref="ITokenLabTrace"/>. Credentials never reach the sink:
    /// Authorization values are replaced and anything else passes <see cref="SecretRedactor"/>.
    /// </summary>
    internal sealed class ClientTrace
    {
        private readonly ITokenLabTrace? sink;
        private readonly SecretRedactor redactor;

        public ClientTrace(ITokenLabTrace? sink, SecretRedactor redactor)
        {
            this.sink = sink;
            this.redactor = redactor;
        }

        public void Verbose(string message) => sink?.Verbose(redactor.Redact(message));

        public void Request(HttpRequestMessage request)
        {
            if (sink is null)
            {
                return;
            }

            Verbose(request.Method + " " + request.RequestUri?.AbsoluteUri);
            Headers("> ", request.Headers, request.Content?.Headers);
        }

        /// <summary>"200 OK in 12 ms, request ID req_…" plus the response headers.</summary>
        public void Response(HttpResponseMessage response, TimeSpan elapsed, string? requestId)
        {
            if (sink is null)
            {
                return;
            }

            Verbose(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + " " + response.ReasonPhrase
                + " in " + DurationText.Format(elapsed)
                + (requestId is null ? string.Empty : ", request ID " + requestId));
            Headers("< ", response.Headers, response.Content?.Headers);
        }

        /// <summary>"Retrying in 1.4 s after 503 (attempt 2 of 4)".</summary>
        public void Retrying(TimeSpan wait, string cause, int nextAttempt, int maxAttempts) =>
            Verbose("Retrying in " + DurationText.Format(wait) + " after " + cause + " (attempt "
                + nextAttempt.ToString(CultureInfo.InvariantCulture) + " of " + maxAttempts.ToString(CultureInfo.InvariantCulture) + ")");

        private void Headers(string direction, HttpHeaders headers, HttpHeaders? contentHeaders)
        {
            foreach (HttpHeaders? group in new[] { headers, contentHeaders })
            {
                if (group is null)
                {
                    continue;
                }

                foreach (KeyValuePair<string, IEnumerable<string>> header in group)
                {
                    sink!.Debug(redactor.Redact(direction + header.Key + ": " + HeaderValue(header.Key, header.Value)));
                }
            }
        }

        private static string HeaderValue(string name, IEnumerable<string> values)
        {
            // Product tokens of a User-Agent are separated by spaces on the wire, not commas.
            string value = string.Join(name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase) ? " " : ", ", values);
            if (!name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }

            int space = value.IndexOf(' ');
            return (space > 0 ? value.Substring(0, space) : "Credentials") + " <redacted>";
        }
    }
}
