using System.Globalization;
using System.Text;

namespace Scanner.Emulator.Wire;

/// <summary>Offset pagination behind opaque tokens, the way services hand out markers and next tokens.</summary>
public static class Pages
{
    public static (IReadOnlyList<T> Page, string? Next) Slice<T>(IReadOnlyList<T> items, string? token, int? requested, int defaultSize, int maxSize)
    {
        var size = Math.Clamp(requested ?? defaultSize, 1, maxSize);
        var offset = Offset(token);
        var end = Math.Min(items.Count, offset + size);
        var page = new List<T>(Math.Max(0, end - offset));
        for (var i = offset; i < end; i++)
        {
            page.Add(items[i]);
        }

        return (page, end < items.Count ? Token(end) : null);
    }

    public static int Offset(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(token));
            return text.StartsWith("page:", StringComparison.Ordinal) ? int.Parse(text.AsSpan(5), CultureInfo.InvariantCulture) : 0;
        }
        catch (FormatException)
        {
            return 0;
        }
    }

    private static string Token(int offset) => Convert.ToBase64String(Encoding.ASCII.GetBytes("page:" + offset.ToString(CultureInfo.InvariantCulture)));

    public static int? Int(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
