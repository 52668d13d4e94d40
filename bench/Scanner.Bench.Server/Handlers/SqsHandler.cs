using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scanner.Bench.Server.Queues;
using Scanner.Emulator.Handlers;
using Scanner.Emulator.Wire;

namespace Scanner.Bench.Server.Handlers;

/// <summary>
/// Amazon SQS over awsJson1_0 (X-Amz-Target AmazonSQS.*, as AWSSDK.SQS 4 sends it): SendMessageBatch, ReceiveMessage,
/// DeleteMessageBatch and ChangeMessageVisibility, in botocore's shapes, over <see cref="MessageQueue"/>s made on first
/// use and named by the last segment of the QueueUrl. MD5OfMessageBody and MD5OfBody are sent because the SDK checks them.
/// </summary>
internal sealed class SqsHandler(TimeProvider time) : IServiceHandler
{
    public const string AmzJson10 = "application/x-amz-json-1.0";

    private readonly ConcurrentDictionary<string, MessageQueue> _queues = new(StringComparer.Ordinal);

    public MessageQueue Queue(string name) => _queues.GetOrAdd(name, n => new MessageQueue(n, time));

    public IReadOnlyDictionary<string, QueueCounts> Counts() => _queues.ToDictionary(q => q.Key, q => q.Value.Counts(), StringComparer.Ordinal);

    public WireReply Handle(AwsCall call)
    {
        var url = call.JsonString("QueueUrl");
        if (string.IsNullOrEmpty(url))
        {
            return Error("MissingParameter", "The request must contain the parameter QueueUrl.");
        }

        var queue = Queue(url.TrimEnd('/')[(url.TrimEnd('/').LastIndexOf('/') + 1)..]);
        return call.Operation switch
        {
            "SendMessageBatch" => SendBatch(call, queue),
            "ReceiveMessage" => Receive(call, queue),
            "DeleteMessageBatch" => DeleteBatch(call, queue),
            "ChangeMessageVisibility" => ChangeVisibility(call, queue),
            _ => Error("InvalidAction", $"The bench server does not serve SQS {call.Operation}."),
        };
    }

    private static WireReply SendBatch(AwsCall call, MessageQueue queue)
    {
        var entries = Entries(call);
        if (entries.Count is 0 or > 10)
        {
            return Error("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "A batch holds 1 to 10 entries.");
        }

        var sent = entries.Select(e => (Id: Text(e, "Id") ?? "", Body: Text(e, "MessageBody") ?? "")).ToList();
        var ids = sent.Select(e => queue.Send(e.Body)).ToList();
        return Json(w =>
        {
            w.WriteStartArray("Successful");
            for (var i = 0; i < sent.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("Id", sent[i].Id);
                w.WriteString("MessageId", ids[i]);
                w.WriteString("MD5OfMessageBody", Md5(sent[i].Body));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("Failed");
            w.WriteEndArray();
        });
    }

    private static WireReply Receive(AwsCall call, MessageQueue queue)
    {
        var max = Math.Clamp(call.JsonInt("MaxNumberOfMessages") ?? 1, 1, 10);
        var visibility = call.JsonInt("VisibilityTimeout") is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var messages = queue.Receive(max, visibility);
        return Json(w =>
        {
            w.WriteStartArray("Messages");
            foreach (var message in messages)
            {
                w.WriteStartObject();
                w.WriteString("MessageId", message.MessageId);
                w.WriteString("ReceiptHandle", message.ReceiptHandle);
                w.WriteString("MD5OfBody", Md5(message.Body));
                w.WriteString("Body", message.Body);
                w.WriteStartObject("Attributes");
                w.WriteString("ApproximateReceiveCount", message.ReceiveCount.ToString(CultureInfo.InvariantCulture));
                w.WriteString("SentTimestamp", message.SentAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                w.WriteString("ApproximateFirstReceiveTimestamp", message.FirstReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static WireReply DeleteBatch(AwsCall call, MessageQueue queue)
    {
        var entries = Entries(call).Select(e => (Id: Text(e, "Id") ?? "", Handle: Text(e, "ReceiptHandle") ?? "")).ToList();
        var deleted = entries.Select(e => queue.Delete(e.Handle)).ToList();
        return Json(w =>
        {
            w.WriteStartArray("Successful");
            for (var i = 0; i < entries.Count; i++)
            {
                if (deleted[i])
                {
                    w.WriteStartObject();
                    w.WriteString("Id", entries[i].Id);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            w.WriteStartArray("Failed");
            for (var i = 0; i < entries.Count; i++)
            {
                if (!deleted[i])
                {
                    w.WriteStartObject();
                    w.WriteString("Id", entries[i].Id);
                    w.WriteBoolean("SenderFault", true);
                    w.WriteString("Code", "ReceiptHandleIsInvalid");
                    w.WriteString("Message", "The receipt handle has expired: the message was received again since.");
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
        });
    }

    private static WireReply ChangeVisibility(AwsCall call, MessageQueue queue)
        => queue.ChangeVisibility(call.JsonString("ReceiptHandle") ?? "", TimeSpan.FromSeconds(call.JsonInt("VisibilityTimeout") ?? 0))
            ? Json(_ => { })
            : Error("ReceiptHandleIsInvalid", "The receipt handle has expired: the message was received again since.");

    private static List<JsonElement> Entries(AwsCall call)
        => call.Json.ValueKind == JsonValueKind.Object && call.Json.TryGetProperty("Entries", out var entries) && entries.ValueKind == JsonValueKind.Array
            ? [.. entries.EnumerateArray()]
            : [];

    private static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Md5(string body)
    {
#pragma warning disable CA5351 // SQS's own body checksum, not a security use.
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
#pragma warning restore CA5351
    }

    private static WireReply Json(Action<Utf8JsonWriter> members) => WireReply.Json(AmzJson10, w =>
    {
        w.WriteStartObject();
        members(w);
        w.WriteEndObject();
    });

    /// <summary>awsJson1_0 errors: {"__type": "com.amazonaws.sqs#Code", "message": "…"}.</summary>
    private static WireReply Error(string code, string message) => WireReply.Json(AmzJson10, w =>
    {
        w.WriteStartObject();
        w.WriteString("__type", "com.amazonaws.sqs#" + code);
        w.WriteString("message", message);
        w.WriteEndObject();
    }, 400);
}
