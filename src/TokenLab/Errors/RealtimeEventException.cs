using System;
using TokenLab.Client.Realtime;

namespace TokenLab.PowerShell.Errors
{
    /// <summary>An <c>error</c> event a realtime session received. The session stays open.</summary>
    public sealed class RealtimeEventException : Exception
    {
        internal RealtimeEventException(RealtimeError error, string? sessionId)
            : base("Realtime error " + error + (sessionId is null ? string.Empty : " in session " + sessionId) + ".")
        {
            ErrorType = error.Type;
            Code = error.Code;
            ServerMessage = error.Message;
            Param = error.Param;
            ClientEventId = error.ClientEventId;
            SessionId = sessionId;
        }

        /// <summary>error.type, e.g. invalid_request_error.</summary>
        public string? ErrorType { get; }

        /// <summary>error.code, e.g. input_audio_buffer_commit_empty.</summary>
        public string? Code { get; }

        /// <summary>error.message.</summary>
        public string ServerMessage { get; }

        /// <summary>error.param: the field at fault.</summary>
        public string? Param { get; }

        /// <summary>The event_id of the client event the error is about.</summary>
        public string? ClientEventId { get; }

        /// <summary>The session that received the error.</summary>
        public string? SessionId { get; }
    }
}
