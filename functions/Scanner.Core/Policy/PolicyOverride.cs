namespace Scanner.Core.Policy;

using Scanner.Core.Inventory;

/// <summary>
/// Settings that differ for one OU (and every account below it) or for one account. Exactly one of
/// <see cref="Ou"/> and <see cref="Account"/> is set. Null settings leave the inherited value alone.
/// Applied by <see cref="ScanPolicy.For"/>: OU overrides from the root down the account's OU path, then account
/// overrides; within one step, in the order they appear in the policy. Within one override, a replacement
/// (approvedRegions, requiredTags) applies before the additions and removals.
/// </summary>
public sealed record PolicyOverride
{
    /// <summary>An OU id (ou-ab12-cdef3456), matched exactly, or an OU name, matched ignoring case.</summary>
    public string? Ou { get; init; }

    /// <summary>A 12-digit account id.</summary>
    public string? Account { get; init; }

    /// <summary>Replaces the approved Regions.</summary>
    public IReadOnlyList<string>? ApprovedRegions { get; init; }

    /// <summary>Adds to the approved Regions.</summary>
    public IReadOnlyList<string>? AdditionalApprovedRegions { get; init; }

    /// <summary>Replaces the required tag keys.</summary>
    public IReadOnlyList<string>? RequiredTags { get; init; }

    /// <summary>Removes required tag keys.</summary>
    public IReadOnlyList<string>? RemoveRequiredTags { get; init; }

    public int? MaxAccessKeyAgeDays { get; init; }

    public int? MaxAccessKeyUnusedDays { get; init; }

    /// <summary>Where it was declared ("policy.yaml overrides[1]"), for messages.</summary>
    public string Source { get; init; } = "";

    public bool Matches(OrganizationalUnit ou)
    {
        ArgumentNullException.ThrowIfNull(ou);
        if (Ou is null)
        {
            return false;
        }

        return PolicyValidation.IsOuId(Ou)
            ? string.Equals(Ou, ou.Id, StringComparison.Ordinal)
            : string.Equals(Ou, ou.Name, StringComparison.OrdinalIgnoreCase);
    }

    public bool Matches(OrganizationAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return Account is not null && string.Equals(Account, account.Id, StringComparison.Ordinal);
    }

    internal AccountPolicy ApplyTo(AccountPolicy policy)
    {
        var regions = new HashSet<string>(ApprovedRegions ?? (IEnumerable<string>)policy.ApprovedRegions, StringComparer.Ordinal);
        regions.UnionWith(AdditionalApprovedRegions ?? []);

        var tags = (RequiredTags ?? policy.RequiredTags)
            .Except(RemoveRequiredTags ?? [], StringComparer.Ordinal)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        return policy with
        {
            ApprovedRegions = regions,
            RequiredTags = tags,
            MaxAccessKeyAgeDays = MaxAccessKeyAgeDays ?? policy.MaxAccessKeyAgeDays,
            MaxAccessKeyUnusedDays = MaxAccessKeyUnusedDays ?? policy.MaxAccessKeyUnusedDays,
        };
    }
}
