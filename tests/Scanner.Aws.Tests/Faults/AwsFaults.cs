using Scanner.Aws.Tests.Infrastructure;

namespace Scanner.Aws.Tests.Faults;

/// <summary>
/// The error answers the real services give, in each one's wire protocol, so the client meets exactly what it would in
/// production: awsJson (Organizations, CloudTrail, Tagging, Config) names the code in __type; awsQuery (IAM, STS) in an
/// ErrorResponse document; EC2 in its own Response/Errors document; restJson (Lambda, Security Hub, GuardDuty) in the
/// x-amzn-ErrorType header and a body shaped as each service's model says (botocore: Security Hub's errors carry Code and
/// Message, GuardDuty's message and type).
/// </summary>
public static class AwsFaults
{
    public enum Protocol
    {
        AwsJson,
        Query,
        Ec2,
        RestJson,
    }

    public static Protocol ProtocolOf(string service) => service switch
    {
        "organizations" or "cloudtrail" or "tagging" or "config" => Protocol.AwsJson,
        "iam" or "sts" => Protocol.Query,
        "ec2" => Protocol.Ec2,
        "lambda" or "securityhub" or "guardduty" => Protocol.RestJson,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "The proxy does not know this service's protocol."),
    };

    /// <summary>
    /// The service's own throttling error: ThrottlingException 400 (awsJson), Throttling 400 (awsQuery), RequestLimitExceeded
    /// 503 (EC2), TooManyRequestsException 429 (Lambda), ThrottlingException 429 (Security Hub's model), ThrottlingException
    /// 400 (GuardDuty, whose model declares no throttling error: AWS's common error for it).
    /// </summary>
    public static CannedResponse Throttling(ProxiedCall call) => (ProtocolOf(call.Service), call.Service) switch
    {
        (Protocol.AwsJson, _) => Json(400, "ThrottlingException", "Rate exceeded"),
        (Protocol.Query, _) => QueryError(400, "Sender", "Throttling", "Rate exceeded", call.Service),
        (Protocol.Ec2, _) => Ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."),
        (_, "securityhub") => RestJson(call, 429, "ThrottlingException", "Rate exceeded"),
        (_, "guardduty") => RestJson(call, 400, "ThrottlingException", "Rate exceeded"),
        _ => RestJson(call, 429, "TooManyRequestsException", "Rate exceeded"),
    };

    /// <summary>A server-side failure: the service's internal error (500) or unavailability (503), by <paramref name="unavailable"/>.</summary>
    public static CannedResponse ServerError(ProxiedCall call, bool unavailable = false) => (ProtocolOf(call.Service), unavailable) switch
    {
        (Protocol.AwsJson, false) => Json(500, call.Service == "organizations" ? "ServiceException" : "InternalFailure", "An internal error occurred."),
        (Protocol.AwsJson, true) => Json(503, "ServiceUnavailableException", "The service is unavailable."),
        (Protocol.Query, false) => QueryError(500, "Receiver", call.Service == "iam" ? "ServiceFailure" : "InternalFailure", "An internal error occurred.", call.Service),
        (Protocol.Query, true) => QueryError(503, "Receiver", "ServiceUnavailable", "The service is unavailable.", call.Service),
        (Protocol.Ec2, false) => Ec2Error(500, "InternalError", "An internal error has occurred."),
        (Protocol.Ec2, true) => Ec2Error(503, "Unavailable", "The server is overloaded and can't handle the request."),
        (Protocol.RestJson, false) => RestJson(call, 500, call.Service switch
        {
            "lambda" => "ServiceException",
            "guardduty" => "InternalServerErrorException",
            _ => "InternalException",
        }, "An internal error occurred."),
        (Protocol.RestJson, true) => RestJson(call, 503, "ServiceUnavailableException", "The service is unavailable."),
        _ => throw new ArgumentOutOfRangeException(nameof(call)),
    };

    /// <summary>STS refusing AssumeRole, as it does for a role that is missing, does not trust the caller, or sits in a suspended or closed account.</summary>
    public static CannedResponse AssumeRoleDenied(string roleArn) => new(403,
        $"""
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error>
            <Type>Sender</Type>
            <Code>AccessDenied</Code>
            <Message>User: arn:aws:sts::123456789012:assumed-role/scanner/org-compliance-scanner is not authorized to perform: sts:AssumeRole on resource: {roleArn}</Message>
          </Error>
          <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
        </ErrorResponse>
        """, "text/xml");

    private static CannedResponse Json(int status, string code, string message) =>
        new(status, $$"""{"__type":"{{code}}","message":"{{message}}"}""", "application/x-amz-json-1.1");

    private static CannedResponse RestJson(ProxiedCall call, int status, string code, string message) =>
        new(status, call.Service switch
            {
                "securityhub" => $$"""{"Code":"{{code}}","Message":"{{message}}"}""",
                "guardduty" => $$"""{"message":"{{message}}","type":"{{code}}"}""",
                _ => $$"""{"Type":"User","message":"{{message}}","Code":"{{code}}"}""",
            }, "application/json",
            new Dictionary<string, string> { ["x-amzn-ErrorType"] = code, ["x-amzn-RequestId"] = "8a3e3a5e-7c46-4b1e-9d0e-2f1a0c9b7d11" });

    private static CannedResponse QueryError(int status, string type, string code, string message, string service) => new(status,
        $"""
        <ErrorResponse xmlns="https://{service}.amazonaws.com/doc/{(service == "iam" ? "2010-05-08" : "2011-06-15")}/">
          <Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error>
          <RequestId>4f1a3c6e-2b7d-4e0f-8a9c-1d2e3f4a5b6c</RequestId>
        </ErrorResponse>
        """, "text/xml");

    private static CannedResponse Ec2Error(int status, string code, string message) => new(status,
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>0b7e3c1a-5d2f-4e8b-9a6c-3f1d2e4b5a6c</RequestID></Response>
        """, "text/xml;charset=UTF-8");
}
