using System.Net;

namespace TokenLab.Emulator;

/// <summary>Checks listen addresses before Kestrel sees them.</summary>
internal static class EmulatorUrls
{
    public static IReadOnlyList<string> Validate(IEnumerable<string> urls, bool allowRemote)
    {
        var result = urls.SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (result.Count == 0)
        {
            throw new ArgumentException("At least one URL to listen on is required.", nameof(urls));
        }

        foreach (var url in result)
        {
            // Kestrel also accepts wildcard hosts such as http://*:80 that are not valid URIs; those are remote by definition.
            var parsed = Uri.TryCreate(url, UriKind.Absolute, out var uri);
            if (parsed && uri!.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new ArgumentException($"'{url}': only http:// and https:// URLs are supported.", nameof(urls));
            }

            if (!allowRemote && !(parsed && IsLoopback(uri!)))
            {
                throw new ArgumentException(
                    $"'{url}' is not a loopback address. The emulator has no real authentication; pass --allow-remote (EmulatorOptions.AllowRemote) to listen beyond this machine.",
                    nameof(urls));
            }
        }

        return result;
    }

    /// <summary>The same addresses served over TLS (<c>--https</c>).</summary>
    public static IList<string> WithTls(IEnumerable<string> urls) =>
        urls.SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "https://" + url["http://".Length..] : url)
            .ToList();

    public static bool AnyTls(IEnumerable<string> urls) => urls.Any(url => url.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
