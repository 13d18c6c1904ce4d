using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;
using TokenLab.Client.Realtime;
using TokenLab.PowerShell.Output;

namespace TokenLab.PowerShell.Context
{
    /// <summary>
    /// The realtime sessions started in each runspace, for Get-TokenLabRealtime. A session leaves the list
    /// when Stop-TokenLabRealtime closes it; one the server closed stays, Closed, so the user sees why. When
    /// the runspace closes, its open sessions are dropped so no socket outlives it.
    /// </summary>
    internal static class RealtimeSessionRegistry
    {
        // Sessions closed by the server and never stopped are kept for a while, not forever.
        private const int MaxClosedSessions = 100;

        private static readonly ConditionalWeakTable<Runspace, List<TokenLabRealtimeSession>> Sessions =
            new ConditionalWeakTable<Runspace, List<TokenLabRealtimeSession>>();

        public static void Add(TokenLabRealtimeSession session)
        {
            List<TokenLabRealtimeSession> list = Sessions.GetValue(Runspace.DefaultRunspace, CreateList);
            lock (list)
            {
                list.Add(session);
                List<TokenLabRealtimeSession> closed = list.Where(s => s.State == RealtimeSessionState.Closed).ToList();
                foreach (TokenLabRealtimeSession old in closed.Take(closed.Count - MaxClosedSessions))
                {
                    list.Remove(old);
                }
            }
        }

        public static void Remove(TokenLabRealtimeSession session)
        {
            if (Runspace.DefaultRunspace is Runspace runspace && Sessions.TryGetValue(runspace, out List<TokenLabRealtimeSession>? list))
            {
                lock (list)
                {
                    list.Remove(session);
                }
            }
        }

        /// <summary>The sessions of the current runspace, oldest first.</summary>
        public static IReadOnlyList<TokenLabRealtimeSession> List()
        {
            if (Runspace.DefaultRunspace is Runspace runspace && Sessions.TryGetValue(runspace, out List<TokenLabRealtimeSession>? list))
            {
                lock (list)
                {
                    return list.ToList();
                }
            }

            return new TokenLabRealtimeSession[0];
        }

        private static List<TokenLabRealtimeSession> CreateList(Runspace runspace)
        {
            var list = new List<TokenLabRealtimeSession>();
            runspace.StateChanged += (_, change) =>
            {
                if (change.RunspaceStateInfo.State == RunspaceState.Closing || change.RunspaceStateInfo.State == RunspaceState.Broken)
                {
                    DropAll(list);
                }
            };
            return list;
        }

        private static void DropAll(List<TokenLabRealtimeSession> list)
        {
            List<TokenLabRealtimeSession> open;
            lock (list)
            {
                open = list.ToList();
                list.Clear();
            }

            foreach (TokenLabRealtimeSession session in open)
            {
                // A short close handshake, then the socket goes whatever the answer.
                using (var timeout = new CancellationTokenSource(System.TimeSpan.FromSeconds(2)))
                {
                    try
                    {
                        session.Session.CloseAsync(timeout.Token).Wait();
                    }
                    catch (System.AggregateException)
                    {
                        // Cancelled or the connection was gone: Dispose below still releases the socket.
                    }
                }

                session.Session.Dispose();
            }
        }
    }
}
