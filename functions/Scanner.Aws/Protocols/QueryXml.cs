using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Scanner.Aws.Protocols;

/// <summary>
/// Turns an awsQuery XML result into JSON so one set of source-generated records serves every protocol.
/// The Query protocol's shapes map without a model: an element whose children are all &lt;member&gt; is a list,
/// an element with children is a structure, anything else is text. Empty elements are left out, so a
/// record's default (an empty list) stands.
/// </summary>
internal static class QueryXml
{
    /// <summary>
    /// Far deeper than any awsQuery shape (and than the JSON reader's 64 levels); a deeper document is refused as malformed
    /// rather than written until the JSON writer's depth limit throws, or the recursion exhausts the stack.
    /// </summary>
    private const int MaxDepth = 64;

    public static byte[] ResultToJson(byte[] xml, string resultElement)
    {
        var document = XDocument.Load(new MemoryStream(xml));
        var result = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == resultElement);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (result is null)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                WriteStructure(result, writer, 1);
            }
        }

        return buffer.ToArray();
    }

    private static void WriteValue(XElement element, Utf8JsonWriter writer, int depth)
    {
        if (!element.HasElements)
        {
            writer.WriteStringValue(element.Value);
        }
        else if (element.Elements().All(e => e.Name.LocalName == "member"))
        {
            Deeper(depth);
            writer.WriteStartArray();
            foreach (var member in element.Elements())
            {
                WriteValue(member, writer, depth + 1);
            }

            writer.WriteEndArray();
        }
        else
        {
            WriteStructure(element, writer, depth);
        }
    }

    private static void Deeper(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new System.Xml.XmlException($"The response nests elements more than {MaxDepth} levels deep.");
        }
    }

    private static void WriteStructure(XElement element, Utf8JsonWriter writer, int depth)
    {
        Deeper(depth);
        writer.WriteStartObject();
        foreach (var child in element.Elements())
        {
            if (!child.HasElements && child.Value.Length == 0)
            {
                continue;
            }

            writer.WritePropertyName(child.Name.LocalName);
            WriteValue(child, writer, depth + 1);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads Code, Message and RequestId from an awsQuery error body (ErrorResponse/Error).</summary>
    public static (string? Code, string? Message, string? RequestId) Error(byte[] xml)
    {
        try
        {
            var document = XDocument.Load(new MemoryStream(xml));
            var all = document.Descendants().ToList();
            string? Find(string name) => all.FirstOrDefault(e => e.Name.LocalName == name && !e.HasElements)?.Value;
            return (Find("Code"), Find("Message"), Find("RequestId") ?? Find("RequestID"));
        }
        catch (System.Xml.XmlException)
        {
            return (null, xml.Length == 0 ? null : Encoding.UTF8.GetString(xml), null);
        }
    }
}
