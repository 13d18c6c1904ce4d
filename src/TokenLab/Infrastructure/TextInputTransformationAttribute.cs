using System;
using System.Collections;
using System.Management.Automation;
using TokenLab.PowerShell.Errors;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// Keeps objects that are not text out of -Text: PowerShell would otherwise bind a hashtable or a FileInfo from the
    /// pipeline as its type name or path, and that would be spoken and billed. Text, numbers and objects with a Text or
    /// Input property (bound by name) pass unchanged; anything else becomes a marker that <see cref="ThrowIfNotText"/> refuses
    /// with a TokenLab error for that item, where a binding error would have no TokenLab ID.
    /// </summary>
    internal sealed class TextInputTransformationAttribute : ArgumentTransformationAttribute
    {
        // No one types a NUL into a text to speak.
        private const string Marker = "\0TokenLab:not-text:";

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is null || value is string || (value is IConvertible && !(value is IDictionary)))
            {
                return inputData;
            }

            bool named = value is IDictionary table
                ? table.Contains("Text") || table.Contains("Input")
                : inputData is PSObject shaped && (shaped.Properties["Text"] is not null || shaped.Properties["Input"] is not null);
            if (named)
            {
                return inputData;
            }

            return Marker + value.GetType().FullName;
        }

        /// <summary>Refuses text that stands for an object that is not text (TokenLab.InvalidArgument).</summary>
        public static void ThrowIfNotText(string? text)
        {
            if (text is not null && text.StartsWith(Marker, StringComparison.Ordinal))
            {
                string type = text.Substring(Marker.Length);
                throw new TokenLabInputException(ErrorIds.InvalidArgument, ErrorCategory.InvalidType,
                    "A " + type + " object is not text to speak: it has no Text or Input property.",
                    "Pipe strings (Get-Content file.txt | New-TokenLabSpeech), or objects with a Text or Input property, such as the rows of Import-Csv.")
                {
                    SafeTarget = type,
                };
            }
        }
    }
}
