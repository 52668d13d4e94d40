using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Scanner.Testing;

/// <summary>A request as a loopback fake saw it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The form body of a Query request, decoded, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form() =>
        [.. Body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            // A pair without '=' (or a body that is not a form at all) is a name with an empty value.
            var equals = pair.IndexOf('=', StringComparison.Ordinal) is var at and >= 0 ? at : pair.Length;
            return new KeyValuePair<string, string>(
                Uri.UnescapeDataString(pair[..equals].Replace('+', ' ')),
                Uri.UnescapeDataString(pair[Math.Min(equals + 1, pair.Length)..].Replace('+', ' ')));
        })];

    /// <summary>Reads the whole request: the record, the body's bytes, and the target exactly as sent (path and query).</summary>
    public static async Task<(RecordedRequest Request, byte[] Body, string Target)> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        // The path as sent, still escaped: what the client's signer and serializer produced.
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var request = new RecordedRequest(context.Request.Method, query < 0 ? target : target[..query],
            query < 0 ? "" : target[(query + 1)..], headers, Encoding.UTF8.GetString(body));
        return (request, body, target);
    }
}

/// <summary>A canned answer.</summary>
public sealed record CannedResponse(int Status, string Body, string ContentType = "application/x-amz-json-1.1", IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>An answer from the catalogue of the services' own envelopes (Scanner.Emulator's Envelopes).</summary>
    public static CannedResponse From(Scanner.Emulator.Wire.WireReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-amzn-RequestId"] = Guid.NewGuid().ToString() };
        if (reply.ErrorType is not null)
        {
            headers["x-amzn-ErrorType"] = reply.ErrorType;
        }

        return new CannedResponse(reply.Status, Encoding.UTF8.GetString(reply.Body), reply.ContentType, headers);
    }

    public async Task WriteAsync(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var bytes = Encoding.UTF8.GetBytes(Body);
        response.StatusCode = Status;
        response.ContentType = ContentType;
        foreach (var (name, value) in Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes);
    }
}
