using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace TokenLab.PowerShell.Completers
{
    /// <summary>
    /// Completes voices: those the details of the -Model on the command line list, else a documented list.
    /// Any name is still accepted and left to the service to judge.
    /// </summary>
    public abstract class ModelVoiceCompleter : CatalogCompleter
    {
        private readonly IReadOnlyList<string> _documented;

        private protected ModelVoiceCompleter(IReadOnlyList<string> documented)
        {
            _documented = documented;
        }

        private protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters)
        {
            string? model = TypedModel(fakeBoundParameters);
            List<string> listed = model is null
                ? new List<string>()
                : Models(fakeBoundParameters, ModelListing.Details(model)).SelectMany(details => details.Voices).ToList();
            return listed.Count > 0 ? listed : _documented;
        }
    }

    /// <summary>The voices of the speech model, else the documented speech voices.</summary>
    public sealed class SpeechVoiceCompleter : ModelVoiceCompleter
    {
        /// <summary>Completes the voices the model lists, else those TokenLab documents as examples.</summary>
        public SpeechVoiceCompleter()
            : base(new[] { "alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse", "marin", "cedar", "Kore" })
        {
        }
    }

    /// <summary>The voices of the realtime model, else those of OpenAI realtime models; other models may take others.</summary>
    public sealed class RealtimeVoiceCompleter : ModelVoiceCompleter
    {
        /// <summary>Completes the voices the model lists, else the documented realtime voices.</summary>
        public RealtimeVoiceCompleter()
            : base(new[] { "alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar" })
        {
        }
    }
}
