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
                WriteStructure(result, writer);
            }
        }

        return buffer.ToArray();
    }

    private static void WriteValue(XElement element, Utf8JsonWriter writer)
    {
        if (!element.HasElements)
        {
            writer.WriteStringValue(element.Value);
        }
        else if (element.Elements().All(e => e.Name.LocalName == "member"))
        {
            writer.WriteStartArray();
            foreach (var member in element.Elements())
            {
                WriteValue(member, writer);
            }

            writer.WriteEndArray();
        }
        else
        {
            WriteStructure(element, writer);
        }
    }

    private static void WriteStructure(XElement element, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var child in element.Elements())
        {
            if (!child.HasElements && child.Value.Length == 0)
            {
                continue;
            }

            writer.WritePropertyName(child.Name.LocalName);
            WriteValue(child, writer);
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
