namespace TokenLab.Client.Realtime
{
    /// <summary>The details of a server <c>error</c> event. Most errors leave the session open.</summary>
    public sealed class RealtimeError
    {
        internal RealtimeError(string? type, string? code, string message, string? param, string? clientEventId)
        {
            Type = type;
            Code = code;
            Message = message;
            Param = param;
            ClientEventId = clientEventId;
        }

        /// <summary>error.type, e.g. invalid_request_error or server_error.</summary>
        public string? Type { get; }

        /// <summary>error.code, e.g. input_audio_buffer_commit_empty.</summary>
        public string? Code { get; }

        /// <summary>error.message.</summary>
        public string Message { get; }

        /// <summary>error.param: the field of the client event at fault.</summary>
        public string? Param { get; }

        /// <summary>error.event_id: the ID of the client event that caused the error, when it had one.</summary>
        public string? ClientEventId { get; }

        /// <summary>"invalid_value: Invalid value ... (param type, client event evt_1)".</summary>
        public override string ToString()
        {
            string text = (Code ?? Type ?? "error") + ": " + Message;
            string details = (Param is null ? string.Empty : "param " + Param)
                + (Param != null && ClientEventId != null ? ", " : string.Empty)
                + (ClientEventId is null ? string.Empty : "client event " + ClientEventId);
            return details.Length == 0 ? text : text + " (" + details + ")";
        }
    }
}
