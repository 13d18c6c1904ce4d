using System.Globalization;

namespace TokenLab.Emulator;

/// <summary>The emulator's command line, parsed into <see cref="EmulatorOptions"/>.</summary>
internal sealed class EmulatorCommandLine
{
    public const string DefaultUrl = "http://127.0.0.1:5099";

    public const string Usage = """
        TokenLab emulator: an offline stand-in for the TokenLab API.

        Usage: TokenLab.Emulator [options]

          --urls <url>[;<url>...]   Listen addresses (default http://127.0.0.1:5099). Port 0 picks a free
                                    port; the actual address is printed as the first stdout line:
                                    "TokenLab emulator listening on http://127.0.0.1:<port>".
                                    https:// addresses serve TLS (see --https).
          --https                   Serve the --urls over TLS (http:// becomes https://; realtime is then
                                    wss://). Without --certificate, a certificate for localhost, 127.0.0.1
                                    and ::1 is generated at start; its PEM path and how to trust it are
                                    printed on stderr.
          --certificate <file>      The TLS certificate (implies --https): a PFX, or a PEM holding the
                                    certificate and its key.
          --certificate-password <password>
                                    The PFX's password.
          --api-key <key>[=<models>] Accept this key; repeatable. "=tts-1,whisper-1" limits the key to those
                                    models. Without any --api-key, sk-emulator-local-key is accepted.
          --speech-seconds-per-character <s>
                                    Length of generated speech per input character (default 0.06).
          --realtime-pace realtime|fast
                                    How fast realtime replies are sent: at the pace the audio plays
                                    (realtime, the default, as the service does) or as fast as the client
                                    reads (fast, for tests and benchmarks). A response's
                                    metadata.emulator_pace overrides it.
          --parent-pid <pid>        Exit when that process ends (checked every second).
          --allow-remote            Allow non-loopback --urls. The emulator has no real authentication.
          -h, --help                Show this help.

        Control API (loopback only): GET /_emulator/health, POST|GET|DELETE /_emulator/faults,
        GET|DELETE /_emulator/requests, GET|DELETE /_emulator/realtime. Per-request faults: header
        X-TokenLab-Emulator-Fault: <json>. Realtime sessions: ws://<address>/v1/realtime?model=gpt-realtime.
        """;

    private EmulatorCommandLine(EmulatorOptions options, int? parentProcessId, bool showHelp)
    {
        Options = options;
        ParentProcessId = parentProcessId;
        ShowHelp = showHelp;
    }

    public EmulatorOptions Options { get; }

    public int? ParentProcessId { get; }

    public bool ShowHelp { get; }

    /// <exception cref="ArgumentException">An unknown flag, a missing value, or a malformed value.</exception>
    public static EmulatorCommandLine Parse(IReadOnlyList<string> args)
    {
        var urls = new List<string>();
        var keys = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        int? parentProcessId = null;
        var allowRemote = false;
        var showHelp = false;
        double? speechSecondsPerCharacter = null;
        var realtimePace = RealtimePace.Realtime;
        var https = false;
        string? certificatePath = null;
        string? certificatePassword = null;

        for (var i = 0; i < args.Count; i++)
        {
            // Both "--flag value" and "--flag=value" are accepted.
            var (flag, inlineValue) = SplitFlag(args[i]);
            string Value() => inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{flag} needs a value."));

            switch (flag)
            {
                case "--urls":
                    urls.Add(Value());
                    break;
                case "--api-key":
                    var (key, models) = ParseApiKey(Value());
                    keys[key] = models;
                    break;
                case "--parent-pid":
                    var pid = Value();
                    parentProcessId = int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                        ? parsed
                        : throw new ArgumentException($"--parent-pid: '{pid}' is not a process ID.");
                    break;
                case "--speech-seconds-per-character":
                    var seconds = Value();
                    speechSecondsPerCharacter = double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 && rate <= 3600
                        ? rate
                        : throw new ArgumentException($"--speech-seconds-per-character: '{seconds}' is not a number of seconds between 0 and 3600.");
                    break;
                case "--realtime-pace":
                    var pace = Value();
                    realtimePace = pace switch
                    {
                        "realtime" => RealtimePace.Realtime,
                        "fast" => RealtimePace.Fast,
                        _ => throw new ArgumentException($"--realtime-pace: '{pace}' is not 'realtime' or 'fast'."),
                    };
                    break;
                case "--https":
                    https = true;
                    break;
                case "--certificate":
                    certificatePath = Value();
                    break;
                case "--certificate-password":
                    certificatePassword = Value();
                    break;
                case "--allow-remote":
                    allowRemote = true;
                    break;
                case "-h" or "--help" or "-?":
                    showHelp = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. Run with --help for usage.");
            }
        }

        IList<string> listen = urls.Count > 0 ? urls : [DefaultUrl];
        var options = new EmulatorOptions
        {
            Urls = https || certificatePath is not null ? EmulatorUrls.WithTls(listen) : listen,
            Certificate = certificatePath is null ? null : EmulatorCertificate.Load(certificatePath, certificatePassword),
            AllowRemote = allowRemote,
            RealtimePace = realtimePace,
        };
        if (speechSecondsPerCharacter is double speechRate)
        {
            options.SpeechSecondsPerCharacter = speechRate;
        }

        if (keys.Count > 0)
        {
            options.ApiKeys = keys;
        }

        return new EmulatorCommandLine(options, parentProcessId, showHelp);
    }

    private static (string Flag, string? Value) SplitFlag(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (argument[..equals], argument[(equals + 1)..])
            : (argument, null);
    }

    /// <summary>"sk-a" is unrestricted; "sk-a=tts-1,whisper-1" is limited to those models.</summary>
    private static (string Key, IReadOnlyList<string>? Models) ParseApiKey(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        var key = (equals < 0 ? value : value[..equals]).Trim();
        if (key.Length == 0 || key.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"--api-key: '{value}' has no usable key.");
        }

        return equals < 0
            ? (key, null)
            : (key, value[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
