using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TokenLab.Client.Realtime;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Output;

namespace TokenLab.PowerShell.Completers
{
    /// <summary>The server event types of realtime sessions, GA names first, then the beta names that -Type and -Until match as well.</summary>
    public sealed class RealtimeEventTypeCompleter : FixedValueCompleter
    {
        /// <summary>Completes the known server event types.</summary>
        public RealtimeEventTypeCompleter()
            : base(RealtimeEventTypes.ServerEventTypes)
        {
        }

        /// <inheritdoc />
        protected override string ToolTip(string value) =>
            RealtimeEventTypes.IsBetaName(value) ? value + " (beta name; matches " + RealtimeEventTypes.ToGaName(value) + " too)" : value;
    }

    /// <summary>The IDs of the realtime sessions of this PowerShell session, as Get-TokenLabRealtime lists them.</summary>
    public sealed class RealtimeSessionIdCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName,
            string parameterName,
            string wordToComplete,
            CommandAst commandAst,
            IDictionary fakeBoundParameters)
        {
            // As the -Session transformation finds them: the first session with the ID. One still waiting
            // for session.created has no ID to name it by.
            IReadOnlyList<TokenLabRealtimeSession> sessions = RealtimeSessionRegistry.List();
            return CompletionText.Matching(
                sessions.Select(session => session.SessionId).OfType<string>().Where(id => id.Length > 0),
                wordToComplete,
                id => Describe(sessions.First(session => session.SessionId == id)));
        }

        private static string Describe(TokenLabRealtimeSession session) => session.SessionId + ": " + session.Model + ", " + session.State;
    }
}
