using Amazon.Runtime.Internal.Transform;

namespace Scanner.Aws.Protocols;

/// <summary>
/// An unmarshaller context that hands over the raw body. We parse bodies ourselves (System.Text.Json,
/// XDocument), so we need none of the SDK's token readers; its XML context is the one that reads nothing
/// until asked.
/// </summary>
internal sealed class RawUnmarshallerContext(Stream responseStream, IWebResponseData responseData, bool isException)
    : XmlUnmarshallerContext(responseStream, false, responseData, isException)
{
    private byte[]? _body;

    public byte[] ReadAll()
    {
        if (_body is null)
        {
            using var copy = new MemoryStream();
            Stream.CopyTo(copy);
            _body = copy.ToArray();
        }

        return _body;
    }
}
