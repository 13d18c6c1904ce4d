using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace TokenLab.PowerShell.Context
{
    /// <summary>
    /// Whether a model's details declare /v1/realtime, remembered per runspace and base URI, so the check
    /// that precedes a session costs one catalog call per model and PowerShell session.
    /// </summary>
    internal static class RealtimeModelCheckCache
    {
        private static readonly ConditionalWeakTable<Runspace, Dictionary<string, bool>> Checks =
            new ConditionalWeakTable<Runspace, Dictionary<string, bool>>();

        public static bool? Get(Uri baseUri, string model)
        {
            if (Runspace.DefaultRunspace is Runspace runspace && Checks.TryGetValue(runspace, out Dictionary<string, bool>? checks))
            {
                lock (checks)
                {
                    return checks.TryGetValue(Key(baseUri, model), out bool supported) ? supported : (bool?)null;
                }
            }

            return null;
        }

        public static void Set(Uri baseUri, string model, bool supported)
        {
            Dictionary<string, bool> checks = Checks.GetValue(Runspace.DefaultRunspace, _ => new Dictionary<string, bool>(StringComparer.Ordinal));
            lock (checks)
            {
                checks[Key(baseUri, model)] = supported;
            }
        }

        private static string Key(Uri baseUri, string model) => baseUri.AbsoluteUri + "|" + model;
    }
}
