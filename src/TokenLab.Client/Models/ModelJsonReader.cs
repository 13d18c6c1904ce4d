using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using TokenLab.Client.Json;

namespace TokenLab.Client.Models
{
    /// <summary>Reads the envelopes of the model endpoints; a wrong shape is an <see cref="InvalidDataException"/>.</summary>
    internal static class ModelJsonReader
    {
        /// <summary>The data array of <c>GET /v1/models</c> (full or compact), in server order.</summary>
        public static IReadOnlyList<TokenLabModel> ReadList(JsonElement root, string? recommendedFor)
        {
            if (!(root.GetArrayOrNull("data") is JsonElement data))
            {
                throw new InvalidDataException("The model list has no data array.");
            }

            var models = new List<TokenLabModel>(data.GetArrayLength());
            foreach (JsonElement item in data.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    models.Add(TokenLabModel.FromJson(item, recommendedFor, isDetail: false));
                }
            }

            return models;
        }

        /// <summary>The body of <c>GET /v1/models/{id}</c>.</summary>
        public static TokenLabModel ReadDetail(JsonElement root)
        {
            if (root.GetStringOrNull("id") is null)
            {
                throw new InvalidDataException("The model detail has no id.");
            }

            return TokenLabModel.FromJson(root, recommendedFor: null, isDetail: true);
        }
    }
}
