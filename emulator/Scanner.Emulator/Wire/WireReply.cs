using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Scanner.Emulator.Wire;

/// <summary>An HTTP answer: status, content type, body, and the extra headers a protocol puts errors in.</summary>
public sealed record WireReply(int Status, string ContentType, byte[] Body, string? ErrorType = null)
{
    /// <summary>True for answers that carry data or a definitive error (NoSuchEntity); false for throttling.</summary>
    public bool IsThrottle { get; init; }

    public const string XmlType = "text/xml";

    public static WireReply Xml(string xml, int status = 200) => new(status, XmlType, Encoding.UTF8.GetBytes(xml));

    public static WireReply Json(string contentType, Action<Utf8JsonWriter> write, int status = 200)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return new WireReply(status, contentType, buffer.WrittenSpan.ToArray());
    }

    /// <summary>Sends the answer: status, content type, a request id, the error type header where the protocol has one, the body.</summary>
    public static async Task WriteAsync(Microsoft.AspNetCore.Http.HttpResponse response, WireReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(reply);
        response.StatusCode = reply.Status;
        response.ContentType = reply.ContentType;
        response.Headers["x-amzn-RequestId"] = WireText.RequestId();
        if (reply.ErrorType is not null)
        {
            response.Headers["x-amzn-ErrorType"] = reply.ErrorType;
        }

        response.ContentLength = reply.Body.Length;
        await response.Body.WriteAsync(reply.Body, cancellationToken);
    }
}

/// <summary>Small helpers for writing AWS XML and JSON by hand, in the services' own shapes (not the scanner's records).</summary>
public static class WireText
{
    /// <summary>Query/IAM timestamps: ISO 8601 in UTC, to the second.</summary>
    public static string IsoSeconds(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>EC2 timestamps: ISO 8601 with milliseconds.</summary>
    public static string IsoMillis(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Lambda's LastModified: 2024-05-01T10:20:30.000+0000.</summary>
    public static string LambdaTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000";

    /// <summary>awsJson timestamps: epoch seconds, a JSON number.</summary>
    public static double Epoch(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000.0;

    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("<>&\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&apos;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    public static StringBuilder Element(this StringBuilder builder, string name, string? value)
    {
        if (value is null)
        {
            return builder;
        }

        return builder.Append('<').Append(name).Append('>').Append(Escape(value)).Append("</").Append(name).Append('>');
    }

    public static StringBuilder Element(this StringBuilder builder, string name, bool value) => builder.Element(name, value ? "true" : "false");

    public static StringBuilder Element(this StringBuilder builder, string name, int value) => builder.Element(name, value.ToString(CultureInfo.InvariantCulture));

    public static string RequestId() => Guid.NewGuid().ToString();

    /// <summary>Sorted, whitespace-free text of a JSON value: equal for equal requests whatever the member order.</summary>
    public static string Canonical(JsonElement element)
    {
        var builder = new StringBuilder();
        Write(element, builder);
        return builder.ToString();
    }

    private static void Write(JsonElement element, StringBuilder builder)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    builder.Append(property.Name).Append(':');
                    Write(property.Value, builder);
                    builder.Append(',');
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, builder);
                    builder.Append(',');
                }

                builder.Append(']');
                break;
            case JsonValueKind.Undefined:
                break;
            default:
                builder.Append(element.GetRawText());
                break;
        }
    }
}
