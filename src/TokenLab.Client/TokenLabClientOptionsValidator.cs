using System;
using System.Globalization;
using TokenLab.Client.Http;

namespace TokenLab.Client
{
    /// <summary>The construction rules of <see cref="TokenLabClient"/>; messages never include the key.</summary>
    internal static class TokenLabClientOptionsValidator
    {
        // CancellationTokenSource.CancelAfter accepts at most int.MaxValue milliseconds.
        private static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(int.MaxValue);
        private const int MaxRetriesLimit = 10;

        public static void Validate(TokenLabClientOptions options)
        {
            Uri? baseUri = options.BaseUri;
            if (baseUri is null || !baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            {
                throw Fail("BaseUri must be an absolute http or https URI, not '" + baseUri + "'.");
            }

            if (!string.IsNullOrEmpty(options.ApiKey))
            {
                if (HasWhitespaceOrControlCharacters(options.ApiKey!))
                {
                    throw Fail("The API key contains whitespace or control characters; check how it was copied.");
                }

                // Plain http is tolerated only where the traffic cannot leave the machine.
                if (KeyDestination.PlainTextRefusal(baseUri) is string refusal)
                {
                    throw Fail(refusal);
                }

                // Through a proxy, plain http to loopback leaves the machine after all: the proxy reads the request.
                if (baseUri.Scheme == Uri.UriSchemeHttp && options.Proxy?.Address is Uri proxyAddress && proxyAddress.IsAbsoluteUri && !proxyAddress.IsLoopback)
                {
                    throw Fail("Refusing to send the API key over plain http through the proxy " + proxyAddress.Host
                        + ". Use https, or reach " + baseUri.Host + " without a proxy (leave out -Proxy, or Connect-TokenLab without one).");
                }
            }

            if (options.Timeout != System.Threading.Timeout.InfiniteTimeSpan && (options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout))
            {
                throw Fail("Timeout must be positive and at most " + MaxTimeout.TotalDays.ToString("0", CultureInfo.InvariantCulture)
                    + " days, or infinite; got " + options.Timeout + ".");
            }

            if (options.MaxRetries < 0 || options.MaxRetries > MaxRetriesLimit)
            {
                throw Fail("MaxRetries must be between 0 and " + MaxRetriesLimit.ToString(CultureInfo.InvariantCulture)
                    + "; got " + options.MaxRetries.ToString(CultureInfo.InvariantCulture) + ".");
            }

            if (options.MaxRetryWait < TimeSpan.Zero)
            {
                throw Fail("MaxRetryWait must not be negative; got " + options.MaxRetryWait + ".");
            }

            if (options.Proxy?.Address is Uri proxy && !proxy.IsAbsoluteUri)
            {
                throw Fail("Proxy.Address must be an absolute URI, not '" + proxy + "'.");
            }

            RequireHeaderSafe(options.UserAgent, nameof(options.UserAgent));
            RequireHeaderSafe(options.DeliveryPolicy, nameof(options.DeliveryPolicy));
        }

        private static void RequireHeaderSafe(string? value, string name)
        {
            if (value != null && (value.Trim().Length == 0 || HasControlCharacters(value)))
            {
                throw Fail(name + " must be non-blank text without line breaks or control characters.");
            }
        }

        private static bool HasWhitespaceOrControlCharacters(string key)
        {
            foreach (char c in key)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasControlCharacters(string value)
        {
            foreach (char c in value)
            {
                if (char.IsControl(c))
                {
                    return true;
                }
            }

            return false;
        }

        private static TokenLabConfigurationException Fail(string message) => new TokenLabConfigurationException(message);
    }
}
