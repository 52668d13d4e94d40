using System.Text.Json;

namespace Scanner.Commands.Output;

/// <summary>`--format json`: one JSON array on stdout, one object per result.</summary>
public static class JsonReport
{
    // People read this output too: apostrophes and '>' stay as they are (the output is not embedded in HTML).
    private static readonly CliJsonContext Readable = new(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static void Write(IReadOnlyList<ResultRow> rows, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(rows, Readable.IReadOnlyListResultRow));
    }
}
