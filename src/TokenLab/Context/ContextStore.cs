using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace TokenLab.PowerShell.Context
{
    /// <summary>
    /// One <see cref="TokenLabContext"/> per runspace: settings never leak between the runspaces of
    /// ForEach-Object -Parallel or thread jobs, while HTTP connections stay shared process-wide.
    /// </summary>
    internal static class ContextStore
    {
        private static readonly ConditionalWeakTable<Runspace, TokenLabContext> Contexts =
            new ConditionalWeakTable<Runspace, TokenLabContext>();

        public static TokenLabContext? Current
        {
            get
            {
                Runspace? runspace = Runspace.DefaultRunspace;
                return runspace is not null && Contexts.TryGetValue(runspace, out TokenLabContext? context) ? context : null;
            }
        }

        public static void Set(TokenLabContext context)
        {
            Runspace runspace = Runspace.DefaultRunspace;
            Contexts.Remove(runspace);
            Contexts.Add(runspace, context);
        }

        public static bool Clear()
        {
            Runspace? runspace = Runspace.DefaultRunspace;
            return runspace is not null && Contexts.Remove(runspace);
        }
    }
}
