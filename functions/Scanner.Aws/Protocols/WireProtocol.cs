namespace Scanner.Aws.Protocols;

/// <summary>The AWS wire protocols our own clients speak (botocore's metadata.protocol).</summary>
public enum WireProtocol
{
    /// <summary>awsJson1_1 / awsJson1_0: POST / with X-Amz-Target and a JSON body (Organizations, CloudTrail, Config, Tagging).</summary>
    Json,

    /// <summary>awsQuery: form-encoded Action/Version parameters, XML responses (IAM).</summary>
    Query,

    /// <summary>restJson1: method and path per operation, JSON bodies (Security Hub, Lambda).</summary>
    RestJson,
}
