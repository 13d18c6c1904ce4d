using System;

namespace TokenLab.Client
{
    /// <summary>
    /// The one rule for what a base URI means: the API root under which requests go to <c>v1/…</c>. TokenLab's
    /// docs give the OpenAI-compatible base <c>https://api.tokenlab.sh/v1</c>, so a base ending in <c>/v1</c>
    /// (with or without a trailing slash) names the same root; without this every path would be <c>/v1/v1/…</c>.
    /// </summary>
    public static class ApiRoot
    {
        private const string VersionSegment = "/v1";

        /// <summary>The root of <paramref name="baseUri"/>, always ending in a slash; a relative or null URI comes back as it is.</summary>
        public static Uri? Normalize(Uri? baseUri)
        {
            if (baseUri is null || !baseUri.IsAbsoluteUri)
            {
                return baseUri;
            }

            var builder = new UriBuilder(baseUri);
            string path = builder.Path.TrimEnd('/');
            if (path.EndsWith(VersionSegment, StringComparison.OrdinalIgnoreCase))
            {
                path = path.Substring(0, path.Length - VersionSegment.Length);
            }

            builder.Path = path + "/";
            Uri normalized = builder.Uri;
            return normalized.AbsoluteUri == baseUri.AbsoluteUri ? baseUri : normalized;
        }
    }
}
