using System;
using System.Collections.Generic;

namespace TokenLab.Client.Transcription
{
    /// <summary>One transcription (<c>POST /v1/audio/transcriptions</c>) or translation (<c>/v1/audio/translations</c>).</summary>
    public sealed class TranscriptionRequest
    {
        /// <summary>The default model, always sent explicitly.</summary>
        public const string DefaultModel = "whisper-1";

        /// <summary>Creates a request for <paramref name="audio"/>.</summary>
        public TranscriptionRequest(AudioUpload audio)
        {
            Audio = audio ?? throw new ArgumentNullException(nameof(audio));
        }

        /// <summary>The audio to send.</summary>
        public AudioUpload Audio { get; }

        /// <summary>True: translate to English (<c>/v1/audio/translations</c>), which takes no language.</summary>
        public bool Translate { get; set; }

        /// <summary>The model ID; always sent.</summary>
        public string Model { get; set; } = DefaultModel;

        /// <summary>The spoken language as an ISO-639-1 code (<see cref="LanguageCodes"/> converts names and cultures).</summary>
        public string? Language { get; set; }

        /// <summary>Text that guides the style or continues a previous part.</summary>
        public string? Prompt { get; set; }

        /// <summary>Sampling temperature, 0 to 1.</summary>
        public double? Temperature { get; set; }

        /// <summary>The response format.</summary>
        public TranscriptFormat ResponseFormat { get; set; } = TranscriptFormat.Json;

        /// <summary>Timings to ask for; they need <see cref="TranscriptFormat.VerboseJson"/>.</summary>
        public IReadOnlyList<TimestampGranularity> TimestampGranularities { get; set; } = Array.Empty<TimestampGranularity>();

        /// <summary>Refuses what the API would refuse, before anything is sent.</summary>
        /// <exception cref="ArgumentException">The request cannot succeed.</exception>
        internal void Validate()
        {
            if (string.IsNullOrWhiteSpace(Model))
            {
                throw new ArgumentException("A model is required.", nameof(Model));
            }

            if (Translate && Language is not null)
            {
                throw new ArgumentException("Translations take no language: the API always translates to English and refuses 'language'.", nameof(Language));
            }

            if (TimestampGranularities.Count > 0 && ResponseFormat != TranscriptFormat.VerboseJson)
            {
                throw new ArgumentException("Timestamp granularities need the verbose_json response format.", nameof(TimestampGranularities));
            }

            if (!AudioFormats.IsAccepted(Audio.FileName))
            {
                throw new ArgumentException(
                    "The API does not accept '" + Audio.FileName + "': use one of " + string.Join(", ", AudioFormats.Extensions) + ".", nameof(Audio));
            }

            if (Audio.Length > AudioFormats.MaxUploadBytes)
            {
                throw new ArgumentException(
                    "'" + Audio.FileName + "' is larger than the API's limit of 25 MB; split it (AudioSplitter) and send the parts.", nameof(Audio));
            }
        }

        /// <summary>The same request for other audio (a part of a split file).</summary>
        internal TranscriptionRequest With(AudioUpload audio, string? prompt) => new TranscriptionRequest(audio)
        {
            Translate = Translate,
            Model = Model,
            Language = Language,
            Prompt = prompt,
            Temperature = Temperature,
            ResponseFormat = ResponseFormat,
            TimestampGranularities = TimestampGranularities,
        };
    }
}
