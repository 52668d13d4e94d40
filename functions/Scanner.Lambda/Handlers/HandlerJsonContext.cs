using System.Text.Json.Serialization;

namespace Scanner.Lambda.Handlers;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DispatchResult))]
internal sealed partial class HandlerJsonContext : JsonSerializerContext;
