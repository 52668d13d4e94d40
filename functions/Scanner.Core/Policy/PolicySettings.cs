namespace Scanner.Core.Policy;

/// <summary>
/// Values from command-line flags or environment variables that replace the policy file's organization-wide
/// settings (see <see cref="ScanPolicy.WithOverrides"/>). Null means "not given: keep the file's value".
/// </summary>
public sealed record PolicySettings
{
    public IReadOnlyList<string>? ApprovedRegions { get; init; }
    public IReadOnlyList<string>? RequiredTags { get; init; }
    public string? AuditRoleName { get; init; }
    public string? ExternalId { get; init; }
    public int? MaxAccessKeyAgeDays { get; init; }
    public int? MaxAccessKeyUnusedDays { get; init; }
    public string? ScannerStackName { get; init; }

    /// <summary>Check ids to run; replaces the file's checks list.</summary>
    public IReadOnlyList<string>? EnabledChecks { get; init; }

    /// <summary>
    /// Splits a list given as one string ("us-east-1,eu-west-1" or "us-east-1 eu-west-1"), as environment variables
    /// and single flags carry them. Null or blank gives null (not given); empty entries are dropped.
    /// </summary>
    public static IReadOnlyList<string>? SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? null
            : value.Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
