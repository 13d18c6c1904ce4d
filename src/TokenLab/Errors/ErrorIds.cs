namespace TokenLab.PowerShell.Errors
{
    /// <summary>
    /// The FullyQualifiedErrorId prefixes the module writes. They are part of the public contract:
    /// scripts branch on them, so never rename one.
    /// </summary>
    public static class ErrorIds
    {
        /// <summary>No key from -ApiKey, Connect-TokenLab, TOKENLAB_API_KEY or an opted-in secret.</summary>
        public const string ApiKeyMissing = "TokenLab.ApiKeyMissing";
        /// <summary>401: the key is missing, invalid, inactive or revoked.</summary>
        public const string AuthenticationFailed = "TokenLab.AuthenticationFailed";
        /// <summary>401 expired_api_key.</summary>
        public const string ApiKeyExpired = "TokenLab.ApiKeyExpired";
        /// <summary>402 insufficient_balance: the account balance is too low.</summary>
        public const string InsufficientBalance = "TokenLab.InsufficientBalance";
        /// <summary>402 quota_exceeded: the key reached its usage limit.</summary>
        public const string QuotaExceeded = "TokenLab.QuotaExceeded";
        /// <summary>403: the key may not use the model or resource.</summary>
        public const string PermissionDenied = "TokenLab.PermissionDenied";
        /// <summary>model_not_found (400 on inference, 404 on model details).</summary>
        public const string ModelNotFound = "TokenLab.ModelNotFound";
        /// <summary>404 for anything but a model.</summary>
        public const string NotFound = "TokenLab.NotFound";
        /// <summary>400: a field or input is invalid (see validation errors).</summary>
        public const string InvalidRequest = "TokenLab.InvalidRequest";
        /// <summary>400 unsupported_parameter: the model does not take a field that was sent.</summary>
        public const string UnsupportedParameter = "TokenLab.UnsupportedParameter";
        /// <summary>413: the request or upload is too large.</summary>
        public const string PayloadTooLarge = "TokenLab.PayloadTooLarge";
        /// <summary>429, after retries, or at once when the server asks to wait longer than -MaxRetryWaitSec.</summary>
        public const string RateLimitExceeded = "TokenLab.RateLimitExceeded";
        /// <summary>500 after retries.</summary>
        public const string ServerError = "TokenLab.ServerError";
        /// <summary>502 after retries.</summary>
        public const string UpstreamError = "TokenLab.UpstreamError";
        /// <summary>503 after retries.</summary>
        public const string ServiceUnavailable = "TokenLab.ServiceUnavailable";
        /// <summary>503 delivery_tier_unavailable: the requested delivery tier is unavailable.</summary>
        public const string DeliveryUnavailable = "TokenLab.DeliveryUnavailable";
        /// <summary>504 after retries.</summary>
        public const string GatewayTimeout = "TokenLab.GatewayTimeout";
        /// <summary>A 3xx answer: redirects are never followed, so the key goes nowhere else.</summary>
        public const string Redirected = "TokenLab.Redirected";
        /// <summary>Any other API failure.</summary>
        public const string ApiError = "TokenLab.ApiError";
        /// <summary>The call took longer than -TimeoutSec.</summary>
        public const string Timeout = "TokenLab.Timeout";
        /// <summary>The service could not be reached (network, DNS, proxy), after retries.</summary>
        public const string ConnectionFailed = "TokenLab.ConnectionFailed";
        /// <summary>A success response that could not be read, or was cut off.</summary>
        public const string ProtocolError = "TokenLab.ProtocolError";
        /// <summary>A setting is wrong: base URI, a key over plain http to a non-loopback host, proxy options.</summary>
        public const string InvalidConfiguration = "TokenLab.InvalidConfiguration";
        /// <summary>The output file exists and -Force was not given (files are never overwritten without it).</summary>
        public const string FileExists = "TokenLab.FileExists";
        /// <summary>Two input items name the same -OutFile in one command, several audio inputs come for one -OutFile, or two would be saved under one name in -OutDirectory.</summary>
        public const string OutFileReused = "TokenLab.OutFileReused";
        /// <summary>The output path is not a file-system path, or its folder does not exist.</summary>
        public const string InvalidOutputPath = "TokenLab.InvalidOutputPath";
        /// <summary>An output file (audio, a transcript) could not be written to disk (disk full, access denied).</summary>
        public const string OutputWriteFailed = "TokenLab.OutputWriteFailed";
        /// <summary>The text to speak or send is empty or only whitespace.</summary>
        public const string TextEmpty = "TokenLab.TextEmpty";
        /// <summary>The text is longer than one request takes (4096 characters) and -Split was not given.</summary>
        public const string TextTooLong = "TokenLab.TextTooLong";
        /// <summary>The text holds what looks like a credential or a signed URL (-AllowSensitiveText overrides).</summary>
        public const string SensitiveText = "TokenLab.SensitiveText";
        /// <summary>-Format contradicts the -OutFile extension.</summary>
        public const string FormatMismatch = "TokenLab.FormatMismatch";
        /// <summary>-Stream (stream_format=sse) with a model that refuses it (tts-1, tts-1-hd).</summary>
        public const string StreamNotSupported = "TokenLab.StreamNotSupported";
        /// <summary>
        /// Parameters that cannot be used together (-Voice and -VoiceId; -AsByteStream -Split for a format that cannot be
        /// joined; -TimestampGranularity without verbose_json; -OutFile with -OutDirectory).
        /// </summary>
        public const string ConflictingParameters = "TokenLab.ConflictingParameters";
        /// <summary>The model's details do not declare the /v1/realtime WebSocket.</summary>
        public const string RealtimeNotSupported = "TokenLab.RealtimeNotSupported";
        /// <summary>An error event from a realtime session; the session stays open.</summary>
        public const string RealtimeError = "TokenLab.RealtimeError";
        /// <summary>A realtime response ended failed, cancelled or incomplete.</summary>
        public const string RealtimeResponseFailed = "TokenLab.RealtimeResponseFailed";
        /// <summary>The realtime session is closed (by the client or the server): start a new one.</summary>
        public const string RealtimeSessionClosed = "TokenLab.RealtimeSessionClosed";
        /// <summary>The realtime connection ended without a close frame (network loss, a dropped connection).</summary>
        public const string RealtimeConnectionLost = "TokenLab.RealtimeConnectionLost";
        /// <summary>Receive-TokenLabRealtimeEvent -Until: no matching event came within -TimeoutSec (the session stays open).</summary>
        public const string RealtimeWaitTimedOut = "TokenLab.RealtimeWaitTimedOut";
        /// <summary>Get-TokenLabRealtime -SessionId names no session of this PowerShell session.</summary>
        public const string RealtimeSessionNotFound = "TokenLab.RealtimeSessionNotFound";
        /// <summary>An event to send is not a JSON object with a string type.</summary>
        public const string InvalidRealtimeEvent = "TokenLab.InvalidRealtimeEvent";
        /// <summary>A vault was asked for, but Microsoft.PowerShell.SecretManagement is not installed.</summary>
        public const string SecretManagementNotInstalled = "TokenLab.SecretManagementNotInstalled";
        /// <summary>The named vault is not registered.</summary>
        public const string SecretVaultNotFound = "TokenLab.SecretVaultNotFound";
        /// <summary>The secret is not in the vault.</summary>
        public const string SecretNotFound = "TokenLab.SecretNotFound";
        /// <summary>The secret is not a string, SecureString or PSCredential.</summary>
        public const string SecretInvalidType = "TokenLab.SecretInvalidType";
        /// <summary>The vault failed (locked, or needs interaction).</summary>
        public const string SecretVaultError = "TokenLab.SecretVaultError";
        /// <summary>An audio input does not exist, is a folder, or is not a file-system path.</summary>
        public const string AudioFileNotFound = "TokenLab.AudioFileNotFound";
        /// <summary>An audio input exists but cannot be read.</summary>
        public const string AudioFileUnreadable = "TokenLab.AudioFileUnreadable";
        /// <summary>The audio's format is not one the endpoint takes: an extension the upload API refuses, or audio a realtime session cannot take (it needs 24 kHz mono 16-bit PCM).</summary>
        public const string AudioFormatNotSupported = "TokenLab.AudioFormatNotSupported";
        /// <summary>The audio is over the API's 25 MB limit and -Split was not given.</summary>
        public const string AudioFileTooLarge = "TokenLab.AudioFileTooLarge";
        /// <summary>-Split was given for audio over the limit that is neither WAV nor MP3.</summary>
        public const string SplitNotSupported = "TokenLab.SplitNotSupported";
        /// <summary>Audio to split is not what its extension says (a WAV that is not PCM, an MP3 without frames).</summary>
        public const string InvalidAudio = "TokenLab.InvalidAudio";
        /// <summary>
        /// A value refused before anything is sent that no other ID names: a blank -Model, an invalid wildcard pattern, an input
        /// file name with a control character (a line break), a pipeline object that is neither text nor has a Text or Input property.
        /// </summary>
        public const string InvalidArgument = "TokenLab.InvalidArgument";
        /// <summary>-Language names no language the API knows.</summary>
        public const string LanguageNotRecognized = "TokenLab.LanguageNotRecognized";
        /// <summary>An accepted asynchronous task failed.</summary>
        public const string TaskFailed = "TokenLab.TaskFailed";
        /// <summary>An accepted asynchronous task was cancelled.</summary>
        public const string TaskCancelled = "TokenLab.TaskCancelled";
    }
}
