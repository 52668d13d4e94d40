using System.Text.Json;

namespace Scanner.Lambda.Events;

internal static class JsonErrors
{
    /// <summary>
    /// A JsonException as "field: problem (line, byte)", with the JSON path in our words (<c>ouPath[1].id</c>)
    /// rather than the serializer's (<c>$.ouPath[1].id | LineNumber: 0 ...</c>).
    /// </summary>
    public static string Describe(JsonException exception, string whole, string prefix = "")
    {
        var path = exception.Path;
        var field = string.IsNullOrEmpty(path) || path == "$" ? whole : prefix + path.TrimStart('$').TrimStart('.');
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        if (cut > 0)
        {
            message = message[..cut];
        }

        var position = exception.LineNumber is { } line
            ? $" (line {line + 1}, byte {exception.BytePositionInLine})"
            : "";
        return $"{field}: {message.TrimEnd('.', ' ')}{position}";
    }
}
