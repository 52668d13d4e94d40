using System.Text.Json.Serialization;

namespace Scanner.Commands.Output;

/// <summary>Source-generated (Native AOT) serialization of OCSF events: snake_case names, absent rather than null.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OcsfComplianceFinding))]
internal sealed partial class OcsfJsonContext : JsonSerializerContext;
