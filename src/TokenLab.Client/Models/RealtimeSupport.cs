using System;
using System.Collections.Generic;
using System.Text.Json;
using TokenLab.Client.Json;

namespace TokenLab.Client.Models
{
    /// <summary>
    /// TokenLab has no realtime flag; docs say to pick a model "whose detail declares /v1/realtime".
    /// This looks for that endpoint wherever the request-format summary or details can name one.
    /// </summary>
    internal static class RealtimeSupport
    {
        private const string RealtimeEndpoint = "/v1/realtime";

        /// <returns>true when an endpoint or operation names realtime; false when the entry describes its
        /// endpoints or operations without it; null when it says nothing about them.</returns>
        public static bool? Detect(JsonElement model, JsonElement? summary, JsonElement? details, IReadOnlyList<string> supportedOperations)
        {
            var endpoints = new List<string>();
            AddEndpoints(endpoints, model);
            AddEndpoints(endpoints, summary);
            AddEndpoints(endpoints, details);

            bool saysSomething = summary != null || details != null || endpoints.Count > 0 || supportedOperations.Count > 0;
            if (!saysSomething)
            {
                return null;
            }

            return endpoints.Exists(endpoint => endpoint.IndexOf(RealtimeEndpoint, StringComparison.OrdinalIgnoreCase) >= 0)
                || OperationsOf(supportedOperations, summary).Exists(operation => operation.IndexOf("realtime", StringComparison.OrdinalIgnoreCase) >= 0);
        }

        /// <summary>request_endpoint, the values of request_endpoint_by_operation, and operation_constraints[].request_endpoint.</summary>
        private static void AddEndpoints(List<string> endpoints, JsonElement? source)
        {
            if (!(source is JsonElement element))
            {
                return;
            }

            if (element.GetStringOrNull("request_endpoint") is string endpoint)
            {
                endpoints.Add(endpoint);
            }

            if (element.GetObjectOrNull("request_endpoint_by_operation") is JsonElement byOperation)
            {
                foreach (JsonProperty entry in byOperation.EnumerateObject())
                {
                    if (entry.Value.ValueKind == JsonValueKind.String && entry.Value.GetString() is string value)
                    {
                        endpoints.Add(value);
                    }
                }
            }

            if (element.GetArrayOrNull("operation_constraints") is JsonElement constraints)
            {
                foreach (JsonElement constraint in constraints.EnumerateArray())
                {
                    if (constraint.GetStringOrNull("request_endpoint") is string value)
                    {
                        endpoints.Add(value);
                    }
                }
            }
        }

        private static List<string> OperationsOf(IReadOnlyList<string> supportedOperations, JsonElement? summary)
        {
            var operations = new List<string>(supportedOperations);
            if (summary?.GetArrayOrNull("public_operations") is JsonElement publicOperations)
            {
                operations.AddRange(TolerantJson.StringItems(publicOperations));
            }

            return operations;
        }
    }
}
