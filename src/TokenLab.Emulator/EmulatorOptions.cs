namespace TokenLab.Emulator;

/// <summary>Settings for one emulator instance. The command line maps onto the same object.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The key accepted when no keys are configured, so a bare emulator works out of the box.</summary>
    public const string DefaultApiKey = "sk-emulator-local-key";

    /// <summary>Addresses to listen on. Port 0 picks a free port; read <see cref="EmulatorServer.BaseUri"/> after start.</summary>
    public IList<string> Urls { get; set; } = new List<string> { "http://127.0.0.1:0" };

    /// <summary>
    /// Accepted API keys. A null model list leaves the key unrestricted; a list limits the catalog the key
    /// sees (and, later, the models it may use) to those IDs or aliases.
    /// </summary>
    public IDictionary<string, IReadOnlyList<string>?> ApiKeys { get; set; } =
        new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal) { [DefaultApiKey] = null };

    /// <summary>
    /// Seconds of generated speech per input character (before <c>speed</c>). Raise it to get large audio
    /// from short text, for memory and throughput measurements.
    /// </summary>
    public double SpeechSecondsPerCharacter { get; set; } = 0.06;

    /// <summary>
    /// The certificate https <see cref="Urls"/> serve; null generates one at start (self-signed for localhost,
    /// 127.0.0.1 and ::1, see <see cref="EmulatorServer.Certificate"/>). Unused without an https URL.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }

    /// <summary>Allows non-loopback <see cref="Urls"/>. Off by default: the emulator accepts any caller without real auth.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>
    /// How fast realtime replies go out: <see cref="RealtimePace.Realtime"/> (default) sends audio at the pace
    /// it plays, as the service does, so cancel and interruption have time to act; <see cref="RealtimePace.Fast"/>
    /// sends it as fast as the socket takes it, for tests and benchmarks. A response's
    /// <c>metadata.emulator_pace</c> overrides it.
    /// </summary>
    public RealtimePace RealtimePace { get; set; } = RealtimePace.Realtime;

    /// <summary>The emulator's clock (request IDs, rate-limit windows, task progress); tests move a manual one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}

/// <summary>How fast the emulator sends a realtime reply's audio.</summary>
public enum RealtimePace
{
    /// <summary>At the pace the audio plays.</summary>
    Realtime,

    /// <summary>As fast as the client reads.</summary>
    Fast,
}
