using System.Text.Json;
using TokenLab.Client.Json;

namespace TokenLab.Client.Models
{
    /// <summary>
    /// The TokenLab extension object of a model entry: <c>tokenlab</c>, falling back field by field
    /// to the older <c>lemondata</c> key that localized docs and older servers still use.
    /// </summary>
    internal readonly struct ModelExtension
    {
        private readonly JsonElement? current;
        private readonly JsonElement? legacy;

        public ModelExtension(JsonElement model)
        {
            current = model.GetObjectOrNull("tokenlab");
            legacy = model.GetObjectOrNull("lemondata");
        }

        /// <summary>request_format_summary (older name: public_contract_summary).</summary>
        public JsonElement? FormatSummary => GetObjectOrNull("request_format_summary") ?? GetObjectOrNull("public_contract_summary");

        /// <summary>request_format_details (older name: public_contract).</summary>
        public JsonElement? FormatDetails => GetObjectOrNull("request_format_details") ?? GetObjectOrNull("public_contract");

        public JsonElement? GetPropertyOrNull(string name) =>
            current?.GetPropertyOrNull(name) ?? legacy?.GetPropertyOrNull(name);

        public JsonElement? GetObjectOrNull(string name) =>
            current?.GetObjectOrNull(name) ?? legacy?.GetObjectOrNull(name);

        public JsonElement? GetArrayOrNull(string name) =>
            current?.GetArrayOrNull(name) ?? legacy?.GetArrayOrNull(name);

        public string? GetStringOrNull(string name) =>
            current?.GetStringOrNull(name) ?? legacy?.GetStringOrNull(name);

        public bool? GetBooleanOrNull(string name) =>
            current?.GetBooleanOrNull(name) ?? legacy?.GetBooleanOrNull(name);
    }
}
