using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.Client.Models;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// Keeps the models whose details declare /v1/realtime, in server order. List entries that do not say
    /// are settled from their details, a few at a time, and only for entries that could plausibly be realtime.
    /// </summary>
    internal static class RealtimeModelFilter
    {
        // Realtime support is only in model details; these hints pick which list entries are worth a detail call.
        private static readonly string[] RealtimeCandidateHints = { "realtime", "audio", "speech", "voice" };
        private const int DetailConcurrency = 4;

        public static async Task<IReadOnlyList<TokenLabModel>> KeepRealtimeAsync(TokenLabClient client, IReadOnlyList<TokenLabModel> models, CancellationToken token)
        {
            var details = new Dictionary<string, TokenLabModel>(StringComparer.Ordinal);
            using (var gate = new SemaphoreSlim(DetailConcurrency))
            {
                IEnumerable<Task> lookups = models
                    .Where(m => m.SupportsRealtime is null && IsRealtimeCandidate(m))
                    .Select(async m =>
                    {
                        await gate.WaitAsync(token).ConfigureAwait(false);
                        try
                        {
                            TokenLabModel detail = (await client.GetModelAsync(m.Id, token).ConfigureAwait(false)).Value;
                            lock (details)
                            {
                                details[m.Id] = detail;
                            }
                        }
                        finally
                        {
                            gate.Release();
                        }
                    });
                await Task.WhenAll(lookups).ConfigureAwait(false);
            }

            return models
                .Select(m => details.TryGetValue(m.Id, out TokenLabModel? detail) ? detail : m)
                .Where(m => m.SupportsRealtime == true)
                .ToList();
        }

        private static bool IsRealtimeCandidate(TokenLabModel model) =>
            RealtimeCandidateHints.Any(hint =>
                model.Id.IndexOf(hint, StringComparison.OrdinalIgnoreCase) >= 0 ||
                string.Equals(model.Category, hint, StringComparison.OrdinalIgnoreCase) ||
                model.Capabilities.Any(c => c.IndexOf(hint, StringComparison.OrdinalIgnoreCase) >= 0));
    }
}
