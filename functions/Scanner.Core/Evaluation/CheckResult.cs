namespace Scanner.Core.Evaluation;

/// <summary>
/// One check's verdict on one subject (a user, a key, an account, a trail, a resource).
/// Title and Description are specific to the subject and written for a person: what is wrong,
/// where, and why it matters. Remediation comes from the check's metadata.
/// </summary>
public sealed record CheckResult
{
    public required string CheckId { get; init; }
    public required string AccountId { get; init; }
    public required string Region { get; init; }

    /// <summary>ASFF resource type: AwsIamUser, AwsIamAccessKey, AwsEc2Instance, AwsLambdaFunction, AwsAccount, AwsCloudTrailTrail, Other.</summary>
    public required string ResourceType { get; init; }

    /// <summary>The resource's ARN where one exists, otherwise a stable identifier (e.g. AWS::::Account:123456789012).</summary>
    public required string ResourceId { get; init; }

    public required CheckStatus Status { get; init; }
    public required Severity Severity { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string Remediation { get; init; }
    public string? RemediationUrl { get; init; }

    /// <summary>Why a result is EXEMPTED (the tag or policy entry, and its expiry), or why an ERROR happened.</summary>
    public string? Reason { get; init; }

    /// <summary>Every exemption that named this result, applied or not (refused, expired, unreadable): the register's rows.</summary>
    public IReadOnlyList<ExemptionDecision> Exemptions { get; init; } = [];

    /// <summary>What the resource's own service says about it, typed for the finding's Resources[].Details; null for other subjects.</summary>
    public Resources.ResourceDetails? ResourceDetails { get; init; }

    /// <summary>Extra facts for the finding's resource details and for people (key age, last use, instance type).</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
