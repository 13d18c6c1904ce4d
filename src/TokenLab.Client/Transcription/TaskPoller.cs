using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Http;

namespace TokenLab.Client.Transcription
{
    /// <summary>
    /// Follows an accepted task until it ends: <c>poll_url</c> (or <c>/v1/tasks/{id}</c>) at an interval that
    /// starts short and grows to a bound, or the server's Retry-After (honoured up to MaxRetryWait). Each poll
    /// is an ordinary call, with its retries; the caller's token bounds the whole wait.
    /// </summary>
    internal sealed class TaskPoller
    {
        internal static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(500);
        internal static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(5);
        private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);
        private const double IntervalGrowth = 1.5;

        private readonly TokenLabClient client;

        public TaskPoller(TokenLabClient client)
        {
            this.client = client;
        }

        /// <summary>Polls until the task completes; reports each non-final status.</summary>
        /// <exception cref="TokenLabTaskFailedException">The task failed or was cancelled.</exception>
        public async Task<TaskSnapshot> WaitAsync(AcceptedTask task, TranscriptFormat requested, Action<TaskSnapshot> report, CancellationToken cancellationToken)
        {
            Uri uri = PollUri(task);
            TimeSpan interval = FirstInterval;
            while (true)
            {
                await client.Options.Delay(interval, cancellationToken).ConfigureAwait(false);
                using (TokenLabHttpResponse response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken).ConfigureAwait(false))
                {
                    TaskSnapshot snapshot = await response.ReadJsonAsync(root => TaskSnapshot.Read(root, requested)).ConfigureAwait(false);
                    if (snapshot.IsFailed)
                    {
                        SecretRedactor redactor = client.Redactor;
                        throw new TokenLabTaskFailedException(
                            task.Id, snapshot.Cancelled, redactor.RedactOptional(snapshot.ErrorCode), redactor.RedactOptional(snapshot.ErrorMessage), response.CreateMetadata(null).RequestId);
                    }

                    if (snapshot.IsCompleted)
                    {
                        return snapshot;
                    }

                    report(snapshot);
                    interval = NextInterval(interval, RetryPolicy.HeaderWait(response.Message));
                }
            }
        }

        private TimeSpan NextInterval(TimeSpan previous, TimeSpan? serverWait)
        {
            if (serverWait is TimeSpan wait)
            {
                TimeSpan capped = wait > client.Options.MaxRetryWait ? client.Options.MaxRetryWait : wait;
                return capped < MinInterval ? MinInterval : capped;
            }

            TimeSpan grown = TimeSpan.FromTicks((long)(previous.Ticks * IntervalGrowth));
            return grown > MaxInterval ? MaxInterval : grown;
        }

        /// <summary>
        /// poll_url when it resolves to the base URI's origin (scheme, host and port): a path goes under the base
        /// URI, an absolute URI is taken as it is, and the final URI is what is compared, whatever form poll_url
        /// had (a path such as "/http://other-host/" resolves to another origin). Anything else: /v1/tasks/{id}.
        /// </summary>
        private Uri PollUri(AcceptedTask task) =>
            Resolve(task.PollUrl) is Uri resolved && client.Destination.IsSameOrigin(resolved) ? resolved : TaskUri(task);

        private Uri? Resolve(string? pollUrl)
        {
            if (string.IsNullOrEmpty(pollUrl))
            {
                return null;
            }

            if (!pollUrl!.StartsWith("/", StringComparison.Ordinal))
            {
                return Uri.TryCreate(pollUrl, UriKind.Absolute, out Uri? absolute) ? absolute : null;
            }

            try
            {
                return client.BuildUri(pollUrl.TrimStart('/'), Array.Empty<KeyValuePair<string, string?>>());
            }
            catch (UriFormatException)
            {
                return null;
            }
        }

        private Uri TaskUri(AcceptedTask task) =>
            client.BuildUri("v1/tasks/" + Uri.EscapeDataString(task.Id), Array.Empty<KeyValuePair<string, string?>>());
    }
}
