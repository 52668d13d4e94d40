using Scanner.Core.Inventory;

namespace Scanner.Aws.Collectors;

/// <summary>
/// What <see cref="ServiceControlPolicyReader"/> learned once for the whole organization (the root's and OUs' SCPs, the
/// delegated administrators), ready to give each account its guardrails with <see cref="ForAccountAsync"/>.
/// </summary>
public sealed class OrganizationPolicies
{
    private readonly PolicyDocuments _documents;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<ServiceControlPolicy>> _attached;
    private readonly IReadOnlyDictionary<string, CollectionGap> _targetGaps;

    internal OrganizationPolicies(
        PolicyDocuments documents,
        bool enabled,
        PolicyTarget root,
        IReadOnlyDictionary<string, IReadOnlyList<ServiceControlPolicy>> attached,
        IReadOnlyDictionary<string, CollectionGap> targetGaps,
        IReadOnlyList<DelegatedAdministrator>? delegatedAdministrators,
        CollectionGap? delegatedAdministratorsGap)
    {
        _documents = documents;
        Enabled = enabled;
        Root = root;
        _attached = attached;
        _targetGaps = targetGaps;
        DelegatedAdministrators = delegatedAdministrators;
        DelegatedAdministratorsGap = delegatedAdministratorsGap;
    }

    /// <summary>Whether SCPs apply in the organization at all (all features, and the policy type enabled at the root).</summary>
    public bool Enabled { get; }

    public PolicyTarget Root { get; }

    /// <summary>Null when they could not be read (<see cref="DelegatedAdministratorsGap"/> says why).</summary>
    public IReadOnlyList<DelegatedAdministrator>? DelegatedAdministrators { get; }

    public CollectionGap? DelegatedAdministratorsGap { get; }

    /// <summary>The guardrails of one account: the root, its OUs from the root down, and itself, whose own SCPs are read now.</summary>
    public async Task<OrganizationGuardrails> ForAccountAsync(string accountId, string accountName, IReadOnlyList<OrganizationalUnit> ouPath, bool isManagementAccount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ouPath);
        var (own, ownGap) = Enabled ? await _documents.AttachedToAsync(accountId, cancellationToken) : ([], null);
        var targets = new List<PolicyTarget> { Root };
        targets.AddRange(ouPath.Select(ou => new PolicyTarget(ou.Id, ou.Name, PolicyTargetKind.OrganizationalUnit, _attached.GetValueOrDefault(ou.Id, []))));
        targets.Add(new PolicyTarget(accountId, accountName, PolicyTargetKind.Account, own));

        var gaps = targets.Take(targets.Count - 1).Select(t => _targetGaps.GetValueOrDefault(t.Id)).OfType<CollectionGap>().ToList();
        if (ownGap is not null)
        {
            gaps.Add(ownGap);
        }

        if (isManagementAccount && DelegatedAdministratorsGap is { } delegatedGap)
        {
            gaps.Add(delegatedGap);
        }

        return new OrganizationGuardrails
        {
            ServiceControlPoliciesEnabled = Enabled,
            PolicyPath = targets,
            DelegatedAdministrators = isManagementAccount ? DelegatedAdministrators : null,
            Gaps = gaps,
        };
    }
}
