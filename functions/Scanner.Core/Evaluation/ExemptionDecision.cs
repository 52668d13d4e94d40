namespace Scanner.Core.Evaluation;

/// <summary>Where an exemption was declared, which decides how far it is trusted.</summary>
public enum ExemptionSource
{
    /// <summary>An entry of the policy file: central and reviewed; may cover any check, always has a reason.</summary>
    PolicyFile,

    /// <summary>The account's tags in AWS Organizations, which only the management account can set.</summary>
    AccountTag,

    /// <summary>A tag on a resource or IAM user, set from inside the audited account: bound by the policy's tagExemptions rules.</summary>
    ResourceTag,
}

/// <summary>What became of an exemption that covers a FAILED result.</summary>
public enum ExemptionState
{
    /// <summary>In force: the result is EXEMPTED.</summary>
    InForce,

    /// <summary>Refused by a rule of the policy (a tag the audited account may not grant itself): the result stays FAILED.</summary>
    Refused,

    /// <summary>Its expiry date has passed: the result stays FAILED.</summary>
    Expired,

    /// <summary>Its expiry date cannot be read: the result stays FAILED.</summary>
    Invalid,
}

/// <summary>
/// One exemption weighed against one FAILED result: the register's row. Every exemption that names a failing
/// result is recorded on it, whether it applied or not, so that an auditor sees the refused and expired ones too.
/// </summary>
public sealed record ExemptionDecision
{
    public required ExemptionSource Source { get; init; }

    /// <summary>Which tag on which resource ("tag compliance:exempt on IAM user 'alice'"), or which policy entry ("policy.yaml exemptions[0]").</summary>
    public required string DeclaredAt { get; init; }

    public required string CheckId { get; init; }
    public required string AccountId { get; init; }
    public required string Region { get; init; }
    public required string ResourceId { get; init; }

    /// <summary>Why it was granted: the policy entry's reason, or the compliance:exempt-reason tag; null when a tag gives none.</summary>
    public string? Reason { get; init; }

    /// <summary>The last day (UTC) it applies; null for no expiry.</summary>
    public DateOnly? Until { get; init; }

    /// <summary>Whole days from the scan's date to <see cref="Until"/> (0 on the last day, negative once expired); null without expiry.</summary>
    public int? DaysLeft { get; init; }

    public required ExemptionState State { get; init; }

    /// <summary>The policy rules that refused it ("tagExemptions.maxDays"); empty unless <see cref="State"/> is Refused.</summary>
    public IReadOnlyList<string> RefusedBy { get; init; } = [];

    /// <summary>Whether it is in force and expires within the policy's exemptionWarningDays.</summary>
    public bool ExpiresSoon { get; init; }

    /// <summary>The decision in a sentence, as the result's reason or description carries it.</summary>
    public required string Text { get; init; }

    /// <summary>The source as the register and the Security Hub finding spell it: policy-file, account-tag, resource-tag.</summary>
    public string SourceName => Source switch
    {
        ExemptionSource.PolicyFile => "policy-file",
        ExemptionSource.AccountTag => "account-tag",
        _ => "resource-tag",
    };

    /// <summary>The state as the register spells it: IN_FORCE, REFUSED, EXPIRED, INVALID.</summary>
    public string StateName => State switch
    {
        ExemptionState.InForce => "IN_FORCE",
        ExemptionState.Refused => "REFUSED",
        ExemptionState.Expired => "EXPIRED",
        _ => "INVALID",
    };
}
