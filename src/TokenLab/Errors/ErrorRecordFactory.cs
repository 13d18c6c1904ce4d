using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TokenLab.Client;
using TokenLab.Client.IO;
using TokenLab.PowerShell.Credentials;

namespace TokenLab.PowerShell.Errors
{
    /// <summary>
    /// Turns client and credential failures into ErrorRecords with a stable error ID, a fitting
    /// category, the request ID in the message and a recommended action.
    /// </summary>
    internal static class ErrorRecordFactory
    {
        private const string SupportAction = "Retry later; if it persists, quote the request ID to TokenLab support.";

        public static ErrorRecord FromException(Exception exception, object? target) => exception switch
        {
            TokenLabApiException api => FromApiError(api, target),
            TokenLabTimeoutException timeout => Create(timeout, ErrorIds.Timeout, ErrorCategory.OperationTimeout, target,
                "Raise -TimeoutSec (the API advises at least 120 seconds for long audio) or retry later."),
            TokenLabConnectionException connection => Create(connection, ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, target,
                "Check the network, the proxy settings (-Proxy, HTTPS_PROXY, NO_PROXY) and -BaseUri."),
            TokenLabProtocolException protocol => Create(protocol, ErrorIds.ProtocolError, ErrorCategory.ProtocolError, target, SupportAction),
            TokenLabTaskFailedException task => Create(task, task.Cancelled ? ErrorIds.TaskCancelled : ErrorIds.TaskFailed,
                task.Cancelled ? ErrorCategory.OperationStopped : ErrorCategory.InvalidResult, target,
                "Send the audio again; if the task fails again, quote the task ID " + task.TaskId + " to TokenLab support (a failed task is not charged)."),
            TokenLabConfigurationException configuration => Create(configuration, ErrorIds.InvalidConfiguration, ErrorCategory.InvalidArgument, target,
                "Use an https:// base URI (plain http:// is allowed only to a loopback address such as the local emulator)."),
            SecretStoreException secret => FromSecretFailure(secret, target),
            TokenLabRealtimeClosedException closed => RealtimeErrorRecords.SessionClosed(closed, target),
            TokenLabInputException input => Create(input, input.ErrorId, input.Category, target, input.RecommendedAction),
            OutputFileExistsException exists => Create(exists, ErrorIds.FileExists, ErrorCategory.ResourceExists, target,
                "Existing files are never overwritten: add -Force to replace '" + exists.Path + "', or choose another path (or, for speech, -OutDirectory, which reuses audio already saved there)."),
            OutputFileReplaceException locked => Create(locked, ErrorIds.OutputWriteFailed, ErrorCategory.WriteError, target,
                "Close the program that holds '" + locked.Path + "' open (a media player, an editor) or wait for the scan or sync to finish, then run the command again; or save to another path."),
            AudioReadException unreadable => Create(unreadable, ErrorIds.AudioFileUnreadable, ErrorCategory.ReadError, target,
                "Check that the audio file still exists, its permissions, and that no other program holds it locked."),
            IOException or UnauthorizedAccessException => Create(exception, ErrorIds.OutputWriteFailed, ErrorCategory.WriteError, target,
                "Check the free disk space and the permissions of the output folder."),
            _ => Create(exception, ErrorIds.ApiError, ErrorCategory.NotSpecified, target, null),
        };

        public static ErrorRecord ApiKeyMissing(object? target) => Create(
            new InvalidOperationException("No TokenLab API key was found for this request."),
            ErrorIds.ApiKeyMissing,
            ErrorCategory.AuthenticationError,
            target,
            "Give a key in one of three ways: the -ApiKey parameter, Connect-TokenLab -ApiKey (or -Vault/-SecretName for SecretManagement), " +
            "or the environment variable " + EnvironmentSettings.ApiKeyVariable + ".");

        /// <summary>A key that was given but is empty or blank: refused before any request, as if none were given.</summary>
        public static ErrorRecord ApiKeyEmpty(string source, object? target) => Create(
            new ArgumentException("The API key from the " + source + " is empty."),
            ErrorIds.ApiKeyMissing,
            ErrorCategory.InvalidArgument,
            target,
            "Give the key itself (TokenLab keys start with 'sk-'): check the variable or secret it comes from.");

        public static ErrorRecord Create(Exception exception, string errorId, ErrorCategory category, object? target, string? recommendedAction)
        {
            var record = new ErrorRecord(exception, errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(exception.Message),
            };
            if (recommendedAction is not null)
            {
                record.ErrorDetails.RecommendedAction = recommendedAction;
            }

            return record;
        }

        private static ErrorRecord FromApiError(TokenLabApiException error, object? target)
        {
            (string id, ErrorCategory category, string action) = Classify(error);
            return Create(error, id, category, target, action);
        }

        private static (string Id, ErrorCategory Category, string Action) Classify(TokenLabApiException error)
        {
            string code = error.ErrorCode ?? error.ErrorType ?? string.Empty;
            if (code == "model_not_found" || error.ErrorType == "model_not_found")
            {
                string hint = error.DidYouMean is null ? string.Empty : "Did you mean '" + error.DidYouMean + "'? ";
                return (ErrorIds.ModelNotFound, ErrorCategory.ObjectNotFound, hint + "Get-TokenLabModel lists the models available to your key.");
            }

            switch (error.StatusCode)
            {
                case int status when status >= 300 && status < 400:
                    return (ErrorIds.Redirected, ErrorCategory.InvalidOperation,
                        "Check -BaseUri: if the address the server redirected to is the TokenLab service, use it as -BaseUri.");
                case 400 when code == "unsupported_parameter":
                    return (ErrorIds.UnsupportedParameter, ErrorCategory.InvalidArgument,
                        "Leave out " + (error.Param is null ? "the unsupported parameter" : "'" + error.Param + "'") +
                        "; Get-TokenLabModel -Id <model> shows SupportedParameters.");
                case 400:
                    return (ErrorIds.InvalidRequest, ErrorCategory.InvalidArgument, DescribeValidation(error));
                case 401 when code == "expired_api_key":
                    return (ErrorIds.ApiKeyExpired, ErrorCategory.AuthenticationError, "The key has expired: create a new one in the TokenLab console and update where it is stored.");
                case 401:
                    return (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError,
                        "Check the key (TokenLab keys start with 'sk-'): pass -ApiKey, run Connect-TokenLab, or set " + EnvironmentSettings.ApiKeyVariable + ".");
                case 402 when code == "quota_exceeded":
                    return (ErrorIds.QuotaExceeded, ErrorCategory.QuotaExceeded, "The key reached its usage limit: raise the key limit in the TokenLab console or use another key.");
                case 402:
                    return (ErrorIds.InsufficientBalance, ErrorCategory.QuotaExceeded, "Top up the account balance in the TokenLab console, or raise the key limit.");
                case 403:
                    return (ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, "Allow this model or resource for the key in the TokenLab console, or choose another model.");
                case 404:
                    return (ErrorIds.NotFound, ErrorCategory.ObjectNotFound, "Check the ID and -BaseUri.");
                case 413:
                    return (ErrorIds.PayloadTooLarge, ErrorCategory.LimitsExceeded, "Reduce the input: audio uploads are limited to 25 MB and speech text to 4096 characters.");
                case 429:
                    return (ErrorIds.RateLimitExceeded, ErrorCategory.LimitsExceeded, DescribeRateLimit(error));
                case 500:
                    return (ErrorIds.ServerError, ErrorCategory.ResourceUnavailable, SupportAction);
                case 502:
                    return (ErrorIds.UpstreamError, ErrorCategory.ConnectionError, SupportAction);
                case 503 when code == "delivery_tier_unavailable":
                    return (ErrorIds.DeliveryUnavailable, ErrorCategory.ResourceUnavailable, "The requested delivery tier is unavailable: retry later or use -DeliveryPolicy auto.");
                case 503:
                    return (ErrorIds.ServiceUnavailable, ErrorCategory.ResourceUnavailable, SupportAction);
                case 504:
                    return (ErrorIds.GatewayTimeout, ErrorCategory.OperationTimeout, SupportAction);
                default:
                    return (ErrorIds.ApiError, error.StatusCode >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.InvalidOperation, SupportAction);
            }
        }

        private static string DescribeValidation(TokenLabApiException error)
        {
            if (error.ValidationErrors.Count > 0)
            {
                return "Fix the request: " + string.Join("; ", error.ValidationErrors.Select(v => (v.Field is null ? string.Empty : v.Field + ": ") + v.Message)) + ".";
            }

            return error.Hint ?? "Fix the request; sending it again unchanged will fail the same way.";
        }

        private static string DescribeRateLimit(TokenLabApiException error)
        {
            if (error.RetryAfter is TimeSpan wait)
            {
                string seconds = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return error.RetryWaitExceedsLimit
                    ? "The service asked to wait " + seconds + " seconds, longer than -MaxRetryWaitSec allows: retry later or raise -MaxRetryWaitSec."
                    : "Wait " + seconds + " seconds before retrying, or lower the request rate.";
            }

            return "Lower the request rate, or raise -MaxRetries.";
        }

        private static ErrorRecord FromSecretFailure(SecretStoreException error, object? target) => error.Failure switch
        {
            SecretStoreFailure.NotInstalled => Create(error, ErrorIds.SecretManagementNotInstalled, ErrorCategory.NotInstalled, target,
                "Install-PSResource Microsoft.PowerShell.SecretManagement (and a vault such as Microsoft.PowerShell.SecretStore; on Windows PowerShell 5.1 "
                + "without PSResourceGet, Install-Module), then Register-SecretVault."),
            SecretStoreFailure.VaultNotFound => Create(error, ErrorIds.SecretVaultNotFound, ErrorCategory.ObjectNotFound, target,
                "Register the vault with Register-SecretVault, or name one that Get-SecretVault lists."),
            SecretStoreFailure.SecretNotFound => Create(error, ErrorIds.SecretNotFound, ErrorCategory.ObjectNotFound, target,
                "Store the key first: Connect-TokenLab -ApiKey <key> -SecretName <name> [-Vault <vault>] -Save."),
            SecretStoreFailure.InvalidSecretType => Create(error, ErrorIds.SecretInvalidType, ErrorCategory.InvalidType, target,
                "Store the API key as a string or SecureString secret."),
            _ => Create(error, ErrorIds.SecretVaultError, ErrorCategory.ResourceUnavailable, target,
                "Unlock the vault (Unlock-SecretVault) or check its configuration; unattended runbooks need a vault that does not prompt."),
        };
    }
}
