namespace Scanner.Core.Policy;

/// <summary>
/// An exemption declared in the policy file: FAILED results it matches become EXEMPTED (still visible), until
/// the end of <see cref="Until"/> (UTC) if given. A result matches when the check, the account and the resource
/// all match; a null account or resource, or "*", matches any.
/// </summary>
public sealed record PolicyExemption
{
    /// <summary>A check id, or "*" for every check.</summary>
    public required string CheckId { get; init; }

    /// <summary>A 12-digit account id; null for any account.</summary>
    public string? AccountId { get; init; }

    /// <summary>
    /// The resource: its ARN (or the result's ResourceId), or its name as a person writes it (IAM user name, access
    /// key id, instance id, function name, trail name). Null or "*" for any resource.
    /// </summary>
    public string? ResourceId { get; init; }

    /// <summary>Why the exemption was granted; shown in every exempted result.</summary>
    public required string Reason { get; init; }

    /// <summary>The last day (UTC) the exemption applies; null for no expiry.</summary>
    public DateOnly? Until { get; init; }

    /// <summary>Where it was declared ("policy.yaml exemptions[0]"), named in the exempted result's reason.</summary>
    public string Source { get; init; } = "policy";

    public bool AppliesToCheck(string checkId) =>
        CheckId == "*" || string.Equals(CheckId, checkId, StringComparison.Ordinal);

    public bool AppliesToAccount(string accountId) =>
        AccountId is null || string.Equals(AccountId, accountId, StringComparison.Ordinal);

    public bool IsAnyResource => ResourceId is null || ResourceId == "*";
}
