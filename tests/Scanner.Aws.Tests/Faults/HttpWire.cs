using System.Globalization;
using System.Net;
using System.Text;
using Scanner.Aws.Tests.Infrastructure;

namespace Scanner.Aws.Tests.Faults;

/// <summary>Just enough HTTP/1.1 for the proxy: one request off a connection, one response onto it.</summary>
internal static class HttpWire
{
    private const int MaxHeaderBytes = 64 * 1024;

    /// <summary>A request as read off the wire: the target as sent (path and query), and the body's bytes.</summary>
    public sealed record Request(string Target, byte[] Body, RecordedRequest Recorded);

    /// <summary>The next request on the connection, or null when the client closed it between requests.</summary>
    public static async Task<Request?> ReadRequestAsync(Stream stream, CancellationToken ct)
    {
        var head = await ReadHeadAsync(stream, ct);
        if (head is null)
        {
            return null;
        }

        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            throw new IOException($"Not an HTTP request line: '{lines[0]}'.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + "," + value : value;
        }

        if (headers.TryGetValue("Expect", out var expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), ct);
        }

        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync(stream, ct);
        }
        else
        {
            var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
            body = new byte[length];
            await stream.ReadExactlyAsync(body, ct);
        }

        var target = requestLine[1];
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        var recorded = new RecordedRequest(requestLine[0], Uri.UnescapeDataString(path), query < 0 ? "" : target[(query + 1)..], headers, Encoding.UTF8.GetString(body));
        return new Request(target, body, recorded);
    }

    public static async Task WriteResponseAsync(Stream stream, ProxiedResponse response, CancellationToken ct)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n");
        foreach (var (name, value) in response.Headers)
        {
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
            }
        }

        if (response.ContentType is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {response.ContentType}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {response.Body.Length}\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), ct);
        await stream.WriteAsync(response.Body, ct);
        await stream.FlushAsync(ct);
    }

    private static string Reason(int status) =>
        Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : "Status";

    private static async Task<string?> ReadHeadAsync(Stream stream, CancellationToken ct)
    {
        var bytes = new List<byte>(1024);
        var one = new byte[1];
        while (true)
        {
            var read = await stream.ReadAsync(one, ct);
            if (read == 0)
            {
                return bytes.Count == 0 ? null : throw new IOException("The connection closed in the middle of a request.");
            }

            bytes.Add(one[0]);
            var n = bytes.Count;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n')
            {
                return Encoding.ASCII.GetString([.. bytes], 0, n - 4);
            }

            if (n > MaxHeaderBytes)
            {
                throw new IOException("The request's headers are too long.");
            }
        }
    }

    private static async Task<byte[]> ReadChunkedAsync(Stream stream, CancellationToken ct)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(stream, ct);
            var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while ((await ReadLineAsync(stream, ct)).Length > 0)
                {
                    // Trailers, ignored.
                }

                return body.ToArray();
            }

            var chunk = new byte[size];
            await stream.ReadExactlyAsync(chunk, ct);
            body.Write(chunk);
            await ReadLineAsync(stream, ct);
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken ct)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                throw new IOException("The connection closed in the middle of a chunked body.");
            }

            if (one[0] == '\n')
            {
                return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
            }

            bytes.Add(one[0]);
        }
    }
}
