namespace Scanner.Aws.Protocols;

/// <summary>
/// What a client must know about a service to reach it, taken from botocore's service model metadata:
/// protocol, target prefix, signing name, endpoint prefix, and whether the endpoint is global.
/// </summary>
public sealed record AwsServiceModel
{
    /// <summary>The SDK's service id, e.g. "Organizations"; used in errors and logs.</summary>
    public required string ServiceId { get; init; }

    public required WireProtocol Protocol { get; init; }

    /// <summary>SigV4 signing name (metadata.signingName, else endpointPrefix).</summary>
    public required string SigningName { get; init; }

    /// <summary>The host label: {EndpointPrefix}.{region}.amazonaws.com.</summary>
    public required string EndpointPrefix { get; init; }

    /// <summary>metadata.targetPrefix, for the JSON protocol's X-Amz-Target header.</summary>
    public string? TargetPrefix { get; init; }

    /// <summary>metadata.jsonVersion: the JSON protocol's content type is application/x-amz-json-{JsonVersion}.</summary>
    public string JsonVersion { get; init; } = "1.1";

    /// <summary>metadata.apiVersion, sent as Version by the Query protocol.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>
    /// Global services (IAM, Organizations) have one endpoint per partition and sign for that partition's
    /// home region (us-east-1 in the aws partition), whatever region the caller is in.
    /// </summary>
    public bool IsGlobal { get; init; }

    /// <summary>
    /// The service prefix of its IAM actions (the Service Authorization Reference's "service prefix"): the signing name
    /// for every service here except the Resource Groups Tagging API, which signs as "tagging" and authorizes as "tag".
    /// </summary>
    public string IamPrefix { get => field ?? SigningName; init; }
}
