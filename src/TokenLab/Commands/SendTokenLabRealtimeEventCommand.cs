using System;
using System.Management.Automation;
using TokenLab.Client;
using TokenLab.Client.Realtime;
using TokenLab.PowerShell.Completers;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;
using TokenLab.PowerShell.Realtime;

namespace TokenLab.PowerShell.Commands
{
    /// <summary>
    /// Sends client events to a realtime session: hashtables, objects or JSON text, from the pipeline too,
    /// each a JSON object with a string type (session.update, conversation.item.create, response.create, …).
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "TokenLabRealtimeEvent")]
    [OutputType(typeof(void))]
    public sealed class SendTokenLabRealtimeEventCommand : TokenLabCmdlet
    {
        // Audio appends are base64 blobs: large, and no place for text.
        private const string AudioAppendType = "input_audio_buffer.append";

        /// <summary>The session (from Start-TokenLabRealtime or Get-TokenLabRealtime), or its session ID.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [RealtimeSessionTransformation]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(RealtimeSessionIdCompleter))]
        public TokenLabRealtimeSession? Session { get; set; }

        /// <summary>The event: a hashtable, an object or JSON text with a string type.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object? Event { get; set; }

        /// <summary>Sends text that looks like it holds a secret.</summary>
        [Parameter]
        public SwitchParameter AllowSensitiveText { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            string json;
            string type;
            try
            {
                json = RealtimeJson.ToEventJson(Event!);
                type = RealtimeEventTypes.TypeOf(json);
            }
            catch (ArgumentException ex)
            {
                WriteError(RealtimeErrorRecords.InvalidEvent(ex, Event));
                return;
            }

            if (!AllowSensitiveText.IsPresent && type != AudioAppendType
                && RealtimeErrorRecords.SensitiveText(json, "The event") is ErrorRecord secret)
            {
                WriteError(secret);
                return;
            }

            try
            {
                _ = RunAsync((_, token) => Session!.Session.SendAsync(json, token));
                WriteVerbose("Sent " + type + " to realtime session " + Session!.SessionId);
            }
            catch (TokenLabException ex)
            {
                WriteTokenLabError(ex, Event);
            }
        }
    }
}
