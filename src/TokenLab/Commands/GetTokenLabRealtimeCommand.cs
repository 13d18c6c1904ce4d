using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TokenLab.PowerShell.Completers;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;

namespace TokenLab.PowerShell.Commands
{
    /// <summary>
    /// Lists the realtime sessions started in this PowerShell session (runspace), oldest first: open ones,
    /// and those the server closed that Stop-TokenLabRealtime has not been run on.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TokenLabRealtime")]
    [OutputType(typeof(TokenLabRealtimeSession))]
    public sealed class GetTokenLabRealtimeCommand : TokenLabCmdlet
    {
        /// <summary>Only the sessions with these IDs (wildcards).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RealtimeSessionIdCompleter))]
        public string[]? SessionId { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            IReadOnlyList<TokenLabRealtimeSession> sessions = RealtimeSessionRegistry.List();
            if (SessionId is null)
            {
                WriteObject(sessions, enumerateCollection: true);
                return;
            }

            foreach (string id in SessionId)
            {
                var pattern = WildcardPattern.Get(id, WildcardOptions.IgnoreCase);
                List<TokenLabRealtimeSession> found = sessions.Where(s => s.SessionId != null && pattern.IsMatch(s.SessionId)).ToList();
                WriteObject(found, enumerateCollection: true);
                if (found.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(id))
                {
                    WriteError(ErrorRecordFactory.Create(
                        new ItemNotFoundException("No realtime session '" + id + "' in this PowerShell session."),
                        ErrorIds.RealtimeSessionNotFound, ErrorCategory.ObjectNotFound, id,
                        "Get-TokenLabRealtime lists the sessions started here; a stopped session is no longer listed."));
                }
            }
        }
    }
}
