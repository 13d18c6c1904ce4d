using System;
using System.Management.Automation;

namespace TokenLab.PowerShell.Errors
{
    /// <summary>
    /// An input item refused before any request is sent (empty or over-long text, a secret in the text,
    /// a contradictory parameter): it carries its own error ID, category and recommended action.
    /// </summary>
    public sealed class TokenLabInputException : ArgumentException
    {
        internal TokenLabInputException(string errorId, ErrorCategory category, string message, string recommendedAction)
            : base(message)
        {
            ErrorId = errorId;
            Category = category;
            RecommendedAction = recommendedAction;
        }

        /// <summary>The stable error ID (see <see cref="ErrorIds"/>).</summary>
        public string ErrorId { get; }

        /// <summary>The PowerShell error category.</summary>
        public ErrorCategory Category { get; }

        /// <summary>What to do about it.</summary>
        public string RecommendedAction { get; }

        /// <summary>The input with anything sensitive masked, to keep as the error's target instead of the input itself.</summary>
        public string? SafeTarget { get; internal set; }

        /// <summary>Refuses a -Model that is blank: sent, it would only come back as an API error.</summary>
        internal static void ThrowIfBlankModel(string? model)
        {
            if (string.IsNullOrWhiteSpace(model))
            {
                throw new TokenLabInputException(ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument,
                    "-Model is blank.", "Name a model: Get-TokenLabModel lists them, and tab completion offers them.");
            }
        }
    }
}
