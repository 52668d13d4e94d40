using System.Text;

namespace Scanner.Emulator.Wire;

/// <summary>The response and error envelopes of each wire protocol, as the services send them.</summary>
public static class Envelopes
{
    public const string IamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";
    public const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    public const string Ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
    public const string AmzJson11 = "application/x-amz-json-1.1";
    public const string RestJson = "application/json";

    /// <summary>awsQuery: &lt;OpResponse&gt;&lt;OpResult&gt;…&lt;/OpResult&gt;&lt;ResponseMetadata/&gt;&lt;/OpResponse&gt;.</summary>
    public static WireReply QueryResult(string xmlNamespace, string operation, Action<StringBuilder> result)
    {
        var xml = new StringBuilder(1024);
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").Append(operation).Append("Response xmlns=\"").Append(xmlNamespace).Append("\"><")
            .Append(operation).Append("Result>");
        result(xml);
        xml.Append("</").Append(operation).Append("Result><ResponseMetadata><RequestId>").Append(WireText.RequestId())
            .Append("</RequestId></ResponseMetadata></").Append(operation).Append("Response>");
        return WireReply.Xml(xml.ToString());
    }

    /// <summary>awsQuery, an operation with no output: &lt;OpResponse&gt;&lt;ResponseMetadata/&gt;&lt;/OpResponse&gt;.</summary>
    public static WireReply QueryEmpty(string xmlNamespace, string operation)
        => WireReply.Xml($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{operation}Response xmlns=\"{xmlNamespace}\"><ResponseMetadata><RequestId>{WireText.RequestId()}</RequestId></ResponseMetadata></{operation}Response>");

    /// <summary>awsJson, an operation with no output: {}.</summary>
    public static WireReply JsonEmpty() => WireReply.Json(AmzJson11, w =>
    {
        w.WriteStartObject();
        w.WriteEndObject();
    });

    /// <summary>awsQuery errors: &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;&lt;/ErrorResponse&gt;.</summary>
    public static WireReply QueryError(string xmlNamespace, int status, string code, string message, bool throttle = false)
    {
        var xml = new StringBuilder(256);
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"").Append(xmlNamespace).Append("\"><Error><Type>")
            .Append(status >= 500 ? "Receiver" : "Sender").Append("</Type>")
            .Element("Code", code).Element("Message", message).Append("</Error>")
            .Element("RequestId", WireText.RequestId()).Append("</ErrorResponse>");
        return WireReply.Xml(xml.ToString(), status) with { IsThrottle = throttle };
    }

    /// <summary>EC2: &lt;OpResponse&gt;&lt;requestId/&gt;…&lt;/OpResponse&gt; with no Result wrapper.</summary>
    public static WireReply Ec2Result(string operation, Action<StringBuilder> body)
    {
        var xml = new StringBuilder(2048);
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").Append(operation).Append("Response xmlns=\"").Append(Ec2Namespace).Append("\">")
            .Element("requestId", WireText.RequestId());
        body(xml);
        xml.Append("</").Append(operation).Append("Response>");
        return WireReply.Xml(xml.ToString());
    }

    /// <summary>EC2 errors: &lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;/Errors&gt;&lt;RequestID/&gt;&lt;/Response&gt;.</summary>
    public static WireReply Ec2Error(int status, string code, string message, bool throttle = false)
    {
        var xml = new StringBuilder(256);
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>").Element("Code", code).Element("Message", message)
            .Append("</Error></Errors>").Element("RequestID", WireText.RequestId()).Append("</Response>");
        return WireReply.Xml(xml.ToString(), status) with { IsThrottle = throttle };
    }

    /// <summary>awsJson errors: {"__type": "Code", "message": "…"} (the type may carry a namespace prefix in real responses).</summary>
    public static WireReply JsonError(int status, string code, string message, bool throttle = false)
        => WireReply.Json(AmzJson11, w =>
        {
            w.WriteStartObject();
            w.WriteString("__type", code);
            w.WriteString("message", message);
            w.WriteEndObject();
        }, status) with { IsThrottle = throttle };

    /// <summary>restJson errors: the code in the x-amzn-ErrorType header, a message in the body.</summary>
    public static WireReply RestJsonError(int status, string code, string message, bool throttle = false)
        => WireReply.Json(RestJson, w =>
        {
            w.WriteStartObject();
            w.WriteString("Type", "User");
            w.WriteString("message", message);
            w.WriteEndObject();
        }, status) with { ErrorType = code, IsThrottle = throttle };

    /// <summary>Each service's own throttling answer (the codes the SDK's retry policy knows).</summary>
    public static WireReply Throttle(AwsCall call) => call.Service switch
    {
        "IAM" => QueryError(IamNamespace, 400, "Throttling", "Rate exceeded", throttle: true),
        "STS" => QueryError(StsNamespace, 400, "Throttling", "Rate exceeded", throttle: true),
        "EC2" => Ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.", throttle: true),
        "Organizations" => JsonError(400, "TooManyRequestsException", "AWS Organizations can't complete your request because the request rate is too high. Try again later.", throttle: true),
        "Tagging" => JsonError(400, "ThrottledException", "Rate exceeded", throttle: true),
        "CloudTrail" => JsonError(400, "ThrottlingException", "Rate exceeded", throttle: true),
        "Lambda" => RestJsonError(429, "TooManyRequestsException", "Rate exceeded", throttle: true),
        _ => RestJsonError(429, "TooManyRequestsException", "Rate exceeded", throttle: true),
    };
}
