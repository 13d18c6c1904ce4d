using System;
using System.Collections.Generic;
using System.Linq;
using TokenLab.Client.Models;
using TokenLab.Client.Transcription;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>What every input of one invocation is sent with, settled once from the parameters.</summary>
    internal sealed class TranscriptionSettings
    {
        public TranscriptionSettings(string model, TranscriptFormat format, bool formatChosen)
        {
            Model = model;
            Format = format;
            FormatChosen = formatChosen;
        }

        public string Model { get; }

        public bool Translate { get; set; }

        /// <summary>ISO-639-1, already converted from a name or culture.</summary>
        public string? Language { get; set; }

        public string? Prompt { get; set; }

        public double? Temperature { get; set; }

        public TranscriptFormat Format { get; }

        /// <summary>
        /// True when the user chose the format (-ResponseFormat, or timings with -TimestampGranularity); a format
        /// only defaulted to verbose_json falls back to json for a model that offers no verbose_json.
        /// </summary>
        public bool FormatChosen { get; }

        public IReadOnlyList<TimestampGranularity> TimestampGranularities { get; set; } = new TimestampGranularity[0];

        public bool Split { get; set; }

        /// <summary>transcribe or translate, as the output's Task.</summary>
        public string TaskName => Translate ? "translate" : "transcribe";

        /// <summary>These settings for another model: a model object from the pipeline names its own.</summary>
        public TranscriptionSettings ForModel(string model) => model == Model ? this : new TranscriptionSettings(model, Format, FormatChosen)
        {
            Translate = Translate,
            Language = Language,
            Prompt = Prompt,
            Temperature = Temperature,
            TimestampGranularities = TimestampGranularities,
            Split = Split,
        };

        /// <summary>
        /// The format to ask for when the user chose none, from the output formats the model's details list: verbose_json
        /// where listed, else json, else the first listed. Null when the details list none (or could not be read).
        /// </summary>
        public static TranscriptFormat? DefaultFormatFor(TokenLabModel? details)
        {
            IReadOnlyList<string> listed = details?.OutputFormats ?? new string[0];
            foreach (string name in new[] { TranscriptFormat.VerboseJson.ToWireName(), TranscriptFormat.Json.ToWireName() }.Concat(listed))
            {
                if (listed.Contains(name))
                {
                    try
                    {
                        return TranscriptFormatNames.Parse(name);
                    }
                    catch (ArgumentException)
                    {
                        // A format this module does not read (diarized_json, …): try the next.
                    }
                }
            }

            return null;
        }

        public TranscriptionRequest CreateRequest(AudioUpload audio, TranscriptFormat format) => new TranscriptionRequest(audio)
        {
            Translate = Translate,
            Model = Model,
            Language = Language,
            Prompt = Prompt,
            Temperature = Temperature,
            ResponseFormat = format,
            TimestampGranularities = format == TranscriptFormat.VerboseJson ? TimestampGranularities : new TimestampGranularity[0],
        };
    }
}
