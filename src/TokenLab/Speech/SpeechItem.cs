using System;
using System.Collections.Generic;
using System.Management.Automation;
using TokenLab.Client.Speech;
using TokenLab.Client.Text;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Speech
{
    /// <summary>
    /// One input item with its settings resolved and checked before anything is sent: its text (cut
    /// into parts with -Split), model, voice, format, speed and instructions.
    /// </summary>
    internal sealed class SpeechItem
    {
        /// <summary>The most characters one speech request takes.</summary>
        public const int MaxTextLength = 4096;

        private SpeechItem(string text, string model, string? voice, string? voiceId, string? instructions, double? speed, string format, bool stream, IReadOnlyList<string> parts)
        {
            Text = text;
            Model = model;
            Voice = voice;
            VoiceId = voiceId;
            Instructions = instructions;
            Speed = speed;
            Format = format;
            Stream = stream;
            Parts = parts;
        }

        public string Text { get; }

        public string Model { get; }

        public string? Voice { get; }

        public string? VoiceId { get; }

        public string? Instructions { get; }

        public double? Speed { get; }

        public string Format { get; }

        public bool Stream { get; }

        /// <summary>The texts of the requests: one, or the -Split parts.</summary>
        public IReadOnlyList<string> Parts { get; }

        /// <summary>The voice as shown to the user: the name, or the custom voice ID.</summary>
        public string VoiceLabel => VoiceId ?? Voice ?? SpeechVoices.Fallback;

        /// <summary>Resolves and checks an item's settings.</summary>
        /// <exception cref="TokenLabInputException">The item is refused; nothing is to be sent.</exception>
        public static SpeechItem Create(string? text, SpeechParameters parameters)
        {
            TextInputTransformationAttribute.ThrowIfNotText(text);
            string model = parameters.Model;
            TokenLabInputException.ThrowIfBlankModel(model);
            string? format = parameters.Format;
            string? outFileFormat = parameters.OutFileFormat;
            if (parameters.Voice is not null && parameters.VoiceId is not null)
            {
                throw new TokenLabInputException(ErrorIds.ConflictingParameters, ErrorCategory.InvalidArgument,
                    "-Voice and -VoiceId both name a voice.", "Give -Voice for a built-in voice or -VoiceId for a custom voice, not both.");
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                throw new TokenLabInputException(ErrorIds.TextEmpty, ErrorCategory.InvalidArgument,
                    "The text to speak is empty.", "Give the text to speak with -Text or from the pipeline.");
            }

            if (text!.Length > MaxTextLength && !parameters.Split)
            {
                throw new TokenLabInputException(ErrorIds.TextTooLong, ErrorCategory.InvalidArgument,
                    "The text has " + text.Length + " characters; one speech request takes at most " + MaxTextLength + ".",
                    "Add -Split to cut it at sentence and word boundaries into several requests joined into one file, or shorten the text.");
            }

            if (format is not null && outFileFormat is not null && format != outFileFormat)
            {
                throw new TokenLabInputException(ErrorIds.FormatMismatch, ErrorCategory.InvalidArgument,
                    "-Format " + format + " contradicts the -OutFile extension, which means " + outFileFormat + ".",
                    "Leave out -Format (the extension decides), or give the file a " + SpeechFormat.Extension(format) + " extension.");
            }

            if (parameters.Stream && RefusesStreaming(model))
            {
                throw new TokenLabInputException(ErrorIds.StreamNotSupported, ErrorCategory.InvalidArgument,
                    "-Stream asks for server-sent events, which " + model + " does not support (TokenLab refuses stream_format=sse for tts-1 and tts-1-hd).",
                    "Leave out -Stream (the audio still streams to disk as it arrives), or use a model that streams, such as gpt-4o-mini-tts.");
            }

            if (!parameters.AllowSensitiveText)
            {
                RefuseSecrets(text, "-Text");
                RefuseSecrets(parameters.Instructions, "-Instructions");
            }

            IReadOnlyList<string> parts = parameters.Split ? SpeechTextSplitter.Split(text, MaxTextLength) : new[] { text };
            return new SpeechItem(
                text,
                model,
                parameters.VoiceId is null ? parameters.Voice ?? SpeechVoices.Fallback : null,
                parameters.VoiceId,
                parameters.Instructions,
                parameters.Speed,
                format ?? outFileFormat ?? SpeechFormat.Default,
                parameters.Stream,
                parts);
        }

        /// <summary>The request for one part of the text.</summary>
        public SpeechRequest RequestFor(string part) => new SpeechRequest
        {
            Model = Model,
            Input = part,
            Voice = Voice,
            VoiceId = VoiceId,
            Instructions = Instructions,
            Speed = Speed,
            ResponseFormat = Format,
            Stream = Stream,
        };

        /// <summary>tts-1 and tts-1-hd (and their dated aliases) refuse stream_format=sse.</summary>
        private static bool RefusesStreaming(string model) =>
            model.Equals("tts-1", StringComparison.OrdinalIgnoreCase) || model.StartsWith("tts-1-", StringComparison.OrdinalIgnoreCase);

        private static void RefuseSecrets(string? text, string parameter)
        {
            TokenLabInputException? secret = SensitiveTextGuard.Check(text, parameter, "which would be spoken into the audio",
                "Remove it from the text (keys, tokens, passwords and signed URLs do not belong in audio), or add -AllowSensitiveText if it is meant to be spoken.");
            if (secret is not null)
            {
                throw secret;
            }
        }
    }
}
