using System.Text.Json.Serialization;

namespace Scanner.Lambda.Events;

/// <summary>Every type the functions read or write, with metadata generated at compile time (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventBridgeEvent))]
[JsonSerializable(typeof(CloudTrailEventDetail))]
[JsonSerializable(typeof(DirectInvokeRequest))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(ScanJob))]
[JsonSerializable(typeof(AccountChange))]
[JsonSerializable(typeof(RuntimeErrorBody))]
public sealed partial class LambdaJsonContext : JsonSerializerContext;
