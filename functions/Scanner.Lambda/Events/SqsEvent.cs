using System.Globalization;
using System.Text.Json.Serialization;

namespace Scanner.Lambda.Events;

/// <summary>A batch of SQS messages, as the event source mapping delivers it.</summary>
/// <remarks>
/// Properties with a default are <c>set</c>, not <c>init</c>: the JSON source generator assigns every init-only
/// property, so one missing from the JSON would get null instead of its initializer's value.
/// </remarks>
public sealed record SqsEvent
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<SqsMessage> Records { get; set; } = [];
}

public sealed record SqsMessage
{
    public string MessageId { get; set; } = "";

    public string ReceiptHandle { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>System attributes: ApproximateReceiveCount, SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp...</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, SqsMessageAttribute> MessageAttributes { get; set; } = new Dictionary<string, SqsMessageAttribute>();

    public string? Md5OfBody { get; init; }

    public string? EventSource { get; init; }

    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceArn { get; init; }

    public string? AwsRegion { get; init; }

    /// <summary>How many times SQS has handed this message out, this time included; 0 when absent.</summary>
    [JsonIgnore]
    public int ApproximateReceiveCount =>
        Attributes is not null
        && Attributes.TryGetValue("ApproximateReceiveCount", out var value)
        && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : 0;
}

public sealed record SqsMessageAttribute
{
    public string? StringValue { get; init; }

    public string? BinaryValue { get; init; }

    public IReadOnlyList<string> StringListValues { get; set; } = [];

    public IReadOnlyList<string> BinaryListValues { get; set; } = [];

    public string? DataType { get; init; }
}

/// <summary>
/// The answer to an SQS batch under ReportBatchItemFailures: the messages listed go back to the queue (and to
/// the DLQ after maxReceiveCount); the others are deleted. An empty list means the whole batch succeeded.
/// </summary>
public sealed record SqsBatchResponse
{
    public IReadOnlyList<SqsBatchItemFailure> BatchItemFailures { get; set; } = [];

    public static SqsBatchResponse Success { get; } = new();

    public static SqsBatchResponse FromFailedMessageIds(IEnumerable<string> messageIds) =>
        new() { BatchItemFailures = [.. messageIds.Select(id => new SqsBatchItemFailure(id))] };
}

public sealed record SqsBatchItemFailure(string ItemIdentifier);
