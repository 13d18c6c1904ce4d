using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;

namespace TokenLab.Emulator.Tests;

/// <summary>
/// An https emulator: a certificate generated at start for the loopback names, served to https and wss
/// clients that trust it (this test trusts exactly that certificate, nothing else), refused by those that do not.
/// </summary>
public sealed class TlsTests : IClassFixture<TlsTests.TlsEmulatorFixture>
{
    private readonly TlsEmulatorFixture _emulator;

    public TlsTests(TlsEmulatorFixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
    }

    [Fact]
    public async Task TheApiIsServedOverHttpsWithAGeneratedLoopbackCertificate()
    {
        var certificate = _emulator.Server.Certificate!;
        using var client = new HttpClient(TrustingOnly(certificate)) { BaseAddress = _emulator.Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorOptions.DefaultApiKey);

        using var response = await client.SendAsync(request);

        Assert.Equal("https", _emulator.Server.BaseUri.Scheme);
        Assert.True(response.IsSuccessStatusCode);
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Contains(System.Net.IPAddress.Loopback, names.EnumerateIPAddresses());
        Assert.True(certificate.NotAfter > DateTime.Now.AddDays(1));
    }

    [Fact]
    public async Task AClientThatDoesNotTrustTheCertificateIsRefused()
    {
        using var client = new HttpClient { BaseAddress = _emulator.Server.BaseUri };

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/v1/models"));

        Assert.IsType<System.Security.Authentication.AuthenticationException>(failure.InnerException);
    }

    [Fact]
    public async Task RealtimeSessionsOpenOverWss()
    {
        var certificate = _emulator.Server.Certificate!;
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + EmulatorOptions.DefaultApiKey);
        socket.Options.RemoteCertificateValidationCallback = (_, presented, _, errors) => Trusts(certificate, presented, errors);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var uri = new Uri(_emulator.Server.BaseUri.AbsoluteUri.Replace("https://", "wss://", StringComparison.Ordinal) + "v1/realtime?model=gpt-realtime");

        await socket.ConnectAsync(uri, timeout.Token);
        var buffer = new byte[64 * 1024];
        var first = await socket.ReceiveAsync(buffer, timeout.Token);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);

        Assert.Contains("\"type\":\"session.created\"", System.Text.Encoding.UTF8.GetString(buffer, 0, first.Count), StringComparison.Ordinal);
    }

    private static HttpClientHandler TrustingOnly(X509Certificate2 certificate) =>
        new() { ServerCertificateCustomValidationCallback = (_, presented, _, errors) => Trusts(certificate, presented, errors) };

    // The only failure accepted is the untrusted root of exactly this certificate.
    private static bool Trusts(X509Certificate2 expected, X509Certificate? presented, SslPolicyErrors errors) =>
        presented is not null && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
        && presented.GetCertHashString() == expected.GetCertHashString();

    public sealed class TlsEmulatorFixture : EmulatorFixture
    {
        protected override EmulatorOptions CreateOptions() => new() { Urls = ["https://127.0.0.1:0"], RealtimePace = RealtimePace.Fast };
    }
}
