using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace TokenLab.Client.Http
{
    /// <summary>The headers every TokenLab request carries.</summary>
    internal sealed class RequestHeaders
    {
        public const string DeliveryPolicyHeader = "X-TokenLab-Delivery-Policy";

        private readonly string? apiKey;
        private readonly string userAgent;
        private readonly string? deliveryPolicy;

        public RequestHeaders(string? apiKey, string? userAgent, string? deliveryPolicy)
        {
            this.apiKey = apiKey;
            this.userAgent = userAgent ?? DefaultUserAgent;
            this.deliveryPolicy = deliveryPolicy;
        }

        /// <summary>"TokenLab.Client/&lt;version&gt; (&lt;OS&gt;; &lt;framework&gt;)".</summary>
        public static string DefaultUserAgent { get; } = BuildDefaultUserAgent();

        /// <summary>Adds the headers; an Accept or Accept-Encoding header the caller already set (e.g. for audio) is kept.</summary>
        public void Apply(HttpRequestMessage request)
        {
            if (apiKey != null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }

            // Without validation: OS descriptions contain characters the strict User-Agent parser rejects.
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            if (deliveryPolicy != null)
            {
                request.Headers.TryAddWithoutValidation(DeliveryPolicyHeader, deliveryPolicy);
            }

            if (request.Headers.Accept.Count == 0)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            }

            // Decoded by ResponseBody, which counts the decoded bytes against its cap.
            if (request.Headers.AcceptEncoding.Count == 0)
            {
                request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            }
        }

        private static string BuildDefaultUserAgent()
        {
            string version = typeof(RequestHeaders).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            int metadataStart = version.IndexOf('+');
            if (metadataStart >= 0)
            {
                version = version.Substring(0, metadataStart);
            }

            return "TokenLab.Client/" + version + " (" + CommentText(RuntimeInformation.OSDescription) + "; "
                + CommentText(RuntimeInformation.FrameworkDescription) + ")";
        }

        /// <summary>Keeps printable ASCII without parentheses so the text can sit inside a User-Agent comment.</summary>
        private static string CommentText(string text)
        {
            var result = new StringBuilder(text.Length);
            foreach (char c in text.Trim())
            {
                if (c >= ' ' && c <= '~' && c != '(' && c != ')')
                {
                    result.Append(c);
                }
            }

            return result.ToString();
        }
    }
}
