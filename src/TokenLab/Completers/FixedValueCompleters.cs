using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TokenLab.PowerShell.Completers
{
    /// <summary>
    /// Completes a parameter from a documented list of values. Any value is still accepted and left
    /// to the service to judge, so a value the service adds later works at once.
    /// </summary>
    public abstract class FixedValueCompleter : IArgumentCompleter
    {
        private readonly IReadOnlyList<string> _values;

        /// <summary>Completes from <paramref name="values"/>, in that order.</summary>
        protected FixedValueCompleter(IReadOnlyList<string> values)
        {
            _values = values;
        }

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName,
            string parameterName,
            string wordToComplete,
            CommandAst commandAst,
            IDictionary fakeBoundParameters) => CompletionText.Matching(_values, wordToComplete, ToolTip);

        /// <summary>What the list shows beside <paramref name="value"/>; the value itself unless a list says more.</summary>
        protected virtual string ToolTip(string value) => value;
    }

    /// <summary>The recommendation scenes of GET /v1/models?recommended_for=.</summary>
    public sealed class SceneCompleter : FixedValueCompleter
    {
        /// <summary>Completes the documented scenes.</summary>
        public SceneCompleter()
            : base(new[] { "tts", "stt", "translation", "image", "video", "music", "3d", "embedding", "rerank" })
        {
        }
    }

    /// <summary>The categories of GET /v1/models?category=.</summary>
    public sealed class CategoryCompleter : FixedValueCompleter
    {
        /// <summary>Completes the documented categories.</summary>
        public CategoryCompleter()
            : base(new[] { "chat", "embedding", "translation", "image", "video", "audio", "tts", "stt", "rerank", "3d", "music" })
        {
        }
    }

    /// <summary>The ISO-639-1 codes of the languages the transcription models know.</summary>
    public sealed class LanguageCompleter : FixedValueCompleter
    {
        /// <summary>Completes the language codes.</summary>
        public LanguageCompleter()
            : base(TokenLab.Client.Transcription.LanguageCodes.All)
        {
        }
    }
}
