using System.Text;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// A strict RFC 4180 reader: a field is either bare (no comma, quote or line break) or quoted with inner quotes
/// doubled. Anything else (a stray quote, text after a closing quote, an unterminated quote) throws, so a test
/// that reads the CLI's CSV through it fails on malformed quoting.
/// </summary>
public static class Rfc4180
{
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<IReadOnlyList<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException($"Unterminated quoted field in record {records.Count + 1}.");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }

                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new FormatException($"Text after a closing quote in record {records.Count + 1}: '{text[i]}'.");
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    if (text[i] == '"')
                    {
                        throw new FormatException($"A quote inside an unquoted field in record {records.Count + 1}: {field}");
                    }

                    field.Append(text[i++]);
                }
            }

            record.Add(field.ToString());
            field.Clear();
            if (i >= text.Length)
            {
                break;
            }

            if (text[i] == ',')
            {
                i++;
                if (i >= text.Length)
                {
                    record.Add("");
                }

                continue;
            }

            // End of record: CRLF or LF.
            i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            records.Add(record);
            record = [];
        }

        if (record.Count > 0)
        {
            records.Add(record);
        }

        return records;
    }
}
