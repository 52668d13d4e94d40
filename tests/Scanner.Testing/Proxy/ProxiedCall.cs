using System.Text;

namespace Scanner.Testing;

/// <summary>One request as the proxy saw it, named.</summary>
/// <param name="Sequence">1 for the first request the proxy saw.</param>
/// <param name="Service">The SigV4 signing name: iam, sts, ec2, organizations, cloudtrail, tagging, lambda, securityhub, config, guardduty, s3, sqs; "unsigned" when not signed.</param>
/// <param name="Operation">The API operation (ListUsers, AssumeRole, DescribeInstances, GetFindings, …).</param>
/// <param name="Region">The region the request is signed for.</param>
/// <param name="AccessKeyId">The access key that signed it.</param>
/// <param name="AccountId">The account that key acts as, when it came from STS through this proxy (or is moto's default).</param>
/// <param name="NthOfOperation">1 for the first request of this service and operation, 2 for the next, … (retries count).</param>
/// <param name="Request">The request itself.</param>
public sealed record ProxiedCall(
    int Sequence, string Service, string Operation, string Region, string? AccessKeyId, string? AccountId, int NthOfOperation, RecordedRequest Request)
{
    public CallOutcome Outcome { get; init; } = CallOutcome.Forwarded;

    /// <summary>When the proxy received the request.</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>How long moto took to answer, when the request reached it.</summary>
    public TimeSpan UpstreamTime { get; init; }
}

public enum CallOutcome
{
    Forwarded,

    /// <summary>Held for a while (<see cref="ProxyFault.Latency"/>), then forwarded unchanged.</summary>
    Delayed,
    Answered,
    Dropped,
    DroppedAfterForwarding,
    Rewritten,
}

/// <summary>What happens to a request instead of (or after) moto answering it.</summary>
public sealed record ProxyFault
{
    public CannedResponse? Response { get; init; }

    public bool Drop { get; init; }

    /// <summary>How long the proxy holds the request before it acts on it (forwards, answers or drops it), on the proxy's clock.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>With <see cref="Drop"/>: moto handles the request, and the client never hears the answer.</summary>
    public bool AfterForwarding { get; init; }

    public static ProxyFault Answer(CannedResponse response) => new() { Response = response };

    public static ProxyFault DropConnection(bool afterForwarding = false) => new() { Drop = true, AfterForwarding = afterForwarding };

    /// <summary>A slow network or service: the request reaches moto only after <paramref name="latency"/>.</summary>
    public static ProxyFault Delay(TimeSpan latency) => new() { Latency = latency };
}

/// <summary>An answer, as moto gave it or as the proxy rewrote it.</summary>
public sealed record ProxiedResponse(int Status, string? ContentType, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public ProxiedResponse WithText(string text) => this with { Body = Encoding.UTF8.GetBytes(text) };
}

/// <summary>Credentials STS AssumeRole issued for a role in an account.</summary>
public sealed record IssuedCredentials(string AccountId, string RoleArn, string AccessKeyId, string SecretAccessKey, string SessionToken);
