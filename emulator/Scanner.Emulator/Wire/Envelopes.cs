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
    /// <param name="requestId">The request id to report (a fresh one when null): a test that checks the id is carried through names it.</param>
    public static WireReply QueryError(string xmlNamespace, int status, string code, string message, bool throttle = false, string? requestId = null)
    {
        var xml = new StringBuilder(256);
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"").Append(xmlNamespace).Append("\"><Error><Type>")
            .Append(status >= 500 ? "Receiver" : "Sender").Append("</Type>")
            .Element("Code", code).Element("Message", message).Append("</Error>")
            .Element("RequestId", requestId ?? WireText.RequestId()).Append("</ErrorResponse>");
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

    /// <summary>
    /// restJson errors: the code in the x-amzn-ErrorType header, a message in a body shaped as the service's model says
    /// (botocore: Security Hub's errors carry Code and Message, GuardDuty's message and type, Lambda's Type and message).
    /// </summary>
    /// <param name="signingService">The service's SigV4 signing name, for the body's shape; null for Lambda's.</param>
    public static WireReply RestJsonError(int status, string code, string message, bool throttle = false, string? signingService = null)
        => WireReply.Json(RestJson, w =>
        {
            w.WriteStartObject();
            switch (signingService)
            {
                case "securityhub":
                    w.WriteString("Code", code);
                    w.WriteString("Message", message);
                    break;
                case "guardduty":
                    w.WriteString("message", message);
                    w.WriteString("type", code);
                    break;
                default:
                    w.WriteString("Type", "User");
                    w.WriteString("message", message);
                    break;
            }

            w.WriteEndObject();
        }, status) with { ErrorType = code, IsThrottle = throttle };

    /// <summary>The wire protocol a service speaks, by its SigV4 signing name.</summary>
    public static WireProtocolKind ProtocolOf(string signingService) => signingService switch
    {
        "organizations" or "cloudtrail" or "tagging" or "config" => WireProtocolKind.Json,
        "iam" or "sts" => WireProtocolKind.Query,
        "ec2" => WireProtocolKind.Ec2,
        "lambda" or "securityhub" or "guardduty" => WireProtocolKind.RestJson,
        _ => throw new ArgumentOutOfRangeException(nameof(signingService), signingService, "No wire protocol is known for this service."),
    };

    /// <summary>An error in the envelope of the service's own protocol, by its SigV4 signing name.</summary>
    public static WireReply Error(string signingService, int status, string code, string message, bool throttle = false) => ProtocolOf(signingService) switch
    {
        WireProtocolKind.Query => QueryError(signingService == "iam" ? IamNamespace : StsNamespace, status, code, message, throttle),
        WireProtocolKind.Ec2 => Ec2Error(status, code, message, throttle),
        WireProtocolKind.Json => JsonError(status, code, message, throttle),
        _ => RestJsonError(status, code, message, throttle, signingService),
    };

    /// <summary>
    /// Each service's own throttling answer, by signing name, with the codes of its botocore model (the ones the SDK's
    /// retry policy knows): Throttling 400 (awsQuery), RequestLimitExceeded 503 (EC2), TooManyRequestsException 400
    /// (Organizations), ThrottledException 400 (Tagging), ThrottlingException 400 (CloudTrail; Config and GuardDuty, whose
    /// models declare none: AWS's common error), TooManyRequestsException 429 (Lambda), ThrottlingException 429 (Security Hub).
    /// </summary>
    public static WireReply Throttling(string signingService) => signingService switch
    {
        "iam" or "sts" => Error(signingService, 400, "Throttling", "Rate exceeded", throttle: true),
        "ec2" => Ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.", throttle: true),
        "organizations" => JsonError(400, "TooManyRequestsException", "AWS Organizations can't complete your request because the request rate is too high. Try again later.", throttle: true),
        "tagging" => JsonError(400, "ThrottledException", "Rate exceeded", throttle: true),
        "cloudtrail" or "config" => JsonError(400, "ThrottlingException", "Rate exceeded", throttle: true),
        "securityhub" => Error(signingService, 429, "ThrottlingException", "Rate exceeded", throttle: true),
        "guardduty" => Error(signingService, 400, "ThrottlingException", "Rate exceeded", throttle: true),
        _ => RestJsonError(429, "TooManyRequestsException", "Rate exceeded", throttle: true),
    };

    /// <summary>Each service's own throttling answer to a call.</summary>
    public static WireReply Throttle(AwsCall call) => Throttling(call.SigningService);

    /// <summary>A server-side failure in the service's own words: its internal error (500) or, when <paramref name="unavailable"/>, 503.</summary>
    public static WireReply ServerError(string signingService, bool unavailable = false) => (ProtocolOf(signingService), unavailable) switch
    {
        (WireProtocolKind.Ec2, false) => Ec2Error(500, "InternalError", "An internal error has occurred."),
        (WireProtocolKind.Ec2, true) => Ec2Error(503, "Unavailable", "The server is overloaded and can't handle the request."),
        (WireProtocolKind.Query, true) => Error(signingService, 503, "ServiceUnavailable", "The service is unavailable."),
        (_, true) => Error(signingService, 503, "ServiceUnavailableException", "The service is unavailable."),
        _ => Error(signingService, 500, signingService switch
        {
            "organizations" or "lambda" => "ServiceException",
            "iam" => "ServiceFailure",
            "guardduty" => "InternalServerErrorException",
            "securityhub" => "InternalException",
            _ => "InternalFailure",
        }, "An internal error occurred."),
    };

    /// <summary>STS refusing AssumeRole, as it does for a role that is missing, does not trust the caller, or sits in a suspended or closed account.</summary>
    public static WireReply AssumeRoleDenied(string callerArn, string roleArn, string? requestId = null)
        => QueryError(StsNamespace, 403, "AccessDenied", $"User: {callerArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}", requestId: requestId);

    /// <summary>Security Hub's answer in an account where it is not enabled.</summary>
    public static WireReply SecurityHubNotEnabled(string accountId)
        => Error("securityhub", 401, "InvalidAccessException", $"Account {accountId} is not subscribed to AWS Security Hub");
}
