using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using TokenLab.Emulator.Auth;
using TokenLab.Emulator.Catalog;
using TokenLab.Emulator.Endpoints;
using TokenLab.Emulator.Endpoints.Realtime;
using TokenLab.Emulator.Faults;
using TokenLab.Emulator.Pipeline;
using TokenLab.Emulator.Proxy;
using TokenLab.Emulator.Tasks;

namespace TokenLab.Emulator;

/// <summary>
/// A running emulator: a real Kestrel server speaking TokenLab's documented contract over loopback sockets.
/// Start one per test class (port 0) and dispose it when done.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private EmulatorServer(WebApplication app, Uri baseUri, X509Certificate2? certificate)
    {
        _app = app;
        BaseUri = baseUri;
        Certificate = certificate;
        RequestLog = app.Services.GetRequiredService<RequestLog>();
        Faults = app.Services.GetRequiredService<FaultQueue>();
        RealtimeSessions = app.Services.GetRequiredService<RealtimeSessionLog>();
    }

    /// <summary>Root of the emulated API, with a trailing slash, e.g. http://127.0.0.1:54321/.</summary>
    public Uri BaseUri { get; }

    /// <summary>The certificate https addresses serve (given or generated); null when the emulator serves only http.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The API requests received so far (control requests excluded).</summary>
    public RequestLog RequestLog { get; }

    /// <summary>Faults queued for upcoming requests; the same queue as <c>POST /_emulator/faults</c>.</summary>
    public FaultQueue Faults { get; }

    /// <summary>The realtime sessions opened so far; the same log as <c>GET /_emulator/realtime</c>.</summary>
    public RealtimeSessionLog RealtimeSessions { get; }

    /// <summary>Starts listening; returns once the sockets are bound.</summary>
    /// <exception cref="ArgumentException">A URL is malformed, not http(s), or not loopback without <see cref="EmulatorOptions.AllowRemote"/>.</exception>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var urls = EmulatorUrls.Validate(options.Urls, options.AllowRemote);
        var certificate = EmulatorUrls.AnyTls(urls) ? options.Certificate ?? EmulatorCertificate.Generate(options.Time) : null;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls([.. urls]);
        if (certificate is not null)
        {
            // The slim builder leaves TLS out unless asked for.
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ConfigureEndpointDefaults(ConnectTunnel.Use);
            if (certificate is not null)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(3));
        ConfigureLogging(builder.Logging);

        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.AddSingleton(options.Time);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(ModelCatalog.Embedded);
        builder.Services.AddSingleton(new ApiKeyRegistry(options.ApiKeys));
        builder.Services.AddSingleton<RateLimitTracker>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton<FaultQueue>();
        builder.Services.AddSingleton<RealtimeSessionLog>();
        builder.Services.AddSingleton<TaskStore>();

        var app = builder.Build();
        app.UseMiddleware<RequestContextMiddleware>();
        app.UseMiddleware<UnhandledExceptionMiddleware>();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = RealtimeLimits.KeepAliveInterval });
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments(ControlEndpoints.Prefix, StringComparison.OrdinalIgnoreCase),
            api => api.UseMiddleware<RequestRecordingMiddleware>().UseMiddleware<FaultInjectionMiddleware>());

        ModelEndpoints.Map(app);
        RealtimeEndpoints.Map(app);
        SpeechEndpoints.Map(app);
        TranscriptionEndpoints.Map(app);
        TaskEndpoints.Map(app);
        ControlEndpoints.Map(app);
        // Any other path, or a known path with another method, gets the documented 404 body.
        app.MapFallback("{**path}", context => ApiErrors.WriteAsync(
            context, StatusCodes.Status404NotFound, ApiErrors.RouteNotFound(context.Request.Method, context.Request.Path)));

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new EmulatorServer(app, new Uri(address.TrimEnd('/') + "/"), certificate);
    }

    /// <summary>Stops the server when <paramref name="cancellationToken"/> is cancelled; completes once it has stopped.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops listening and ends open requests, stalled ones included.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        // Quiet by design: stdout carries only the "listening on" line that scripts read.
        logging.ClearProviders();
        logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);

        // Faults break responses on purpose (e.g. a truncated body), which Kestrel reports as application
        // errors; UnhandledExceptionMiddleware logs the emulator's real failures instead.
        logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.None);

        // A failed start (port in use) is thrown to the caller, which reports it; the host's own log would repeat it.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
    }
}
