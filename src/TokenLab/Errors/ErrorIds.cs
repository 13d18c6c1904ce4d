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
        /// <summary>The audio's extension is not one the API accepts.</summary>
        public const string AudioFormatNotSupported = "TokenLab.AudioFormatNotSupported";
        /// <summary>The audio is over the API's 25 MB limit and -Split was not given.</summary>
        public const string AudioFileTooLarge = "TokenLab.AudioFileTooLarge";
        /// <summary>-Split was given for audio over the limit that is neither WAV nor MP3.</summary>
        public const string SplitNotSupported = "TokenLab.SplitNotSupported";
        /// <summary>Audio to split is not what its extension says (a WAV that is not PCM, an MP3 without frames).</summary>
        public const string InvalidAudio = "TokenLab.InvalidAudio";
        /// <summary>-Language names no language the API knows.</summary>
        public const string LanguageNotRecognized = "TokenLab.LanguageNotRecognized";
        /// <summary>Parameters that cannot be used together (for example -TimestampGranularity with -ResponseFormat srt).</summary>
        public const string ParameterConflict = "TokenLab.ParameterConflict";
        /// <summary>An output file exists and -Force was not given; nothing was sent.</summary>
        public const string OutputFileExists = "TokenLab.OutputFileExists";
        /// <summary>An output file could not be written.</summary>
        public const string OutputWriteFailed = "TokenLab.OutputWriteFailed";
        /// <summary>An accepted asynchronous task failed.</summary>
        public const string TaskFailed = "TokenLab.TaskFailed";
        /// <summary>An accepted asynchronous task was cancelled.</summary>
        public const string TaskCancelled = "TokenLab.TaskCancelled";
    }
}
