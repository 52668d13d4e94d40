using System.Collections.Concurrent;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Collectors;

/// <summary>
/// The organization-level guardrail data, read once per scan with the organization: the SCPs attached to the root, to
/// every OU and to every account (one ListPoliciesForTarget each), every attached policy's document (one DescribePolicy
/// per policy id, however many targets share it), and the delegated administrators with their services. What cannot
/// be read becomes a gap of the accounts it concerns, never a failure of the whole read.
/// </summary>
public sealed class ServiceControlPolicyReader(ProtocolClient organizations, int concurrency)
{
    private const string ScpFilter = "SERVICE_CONTROL_POLICY";

    /// <summary>What was learned, ready to hand each account its own part with <see cref="For"/>.</summary>
    public sealed record Result(
        bool Enabled,
        PolicyTarget? Root,
        IReadOnlyDictionary<string, IReadOnlyList<ServiceControlPolicy>> Attached,
        IReadOnlyDictionary<string, CollectionGap> TargetGaps,
        IReadOnlyList<DelegatedAdministrator>? DelegatedAdministrators,
        CollectionGap? DelegatedAdministratorsGap)
    {
        /// <summary>The guardrails of one account: the root, its OUs from the root down, itself.</summary>
        public OrganizationGuardrails For(string accountId, string accountName, IReadOnlyList<OrganizationalUnit> ouPath, bool isManagementAccount)
        {
            var targets = new List<PolicyTarget>();
            var gaps = new List<CollectionGap>();
            if (Root is not null)
            {
                targets.Add(Root);
            }

            targets.AddRange(ouPath.Select(ou => new PolicyTarget(ou.Id, ou.Name, PolicyTargetKind.OrganizationalUnit, Attached.GetValueOrDefault(ou.Id, []))));
            targets.Add(new PolicyTarget(accountId, accountName, PolicyTargetKind.Account, Attached.GetValueOrDefault(accountId, [])));
            foreach (var target in targets)
            {
                if (TargetGaps.TryGetValue(target.Id, out var gap))
                {
                    gaps.Add(gap);
                }
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

    public async Task<Result> ReadAsync(OrgOrganization organization, OrgRoot root, IReadOnlyList<string> ouIds, IReadOnlyList<string> accountIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(root);

        // Without all features, an organization has no SCPs to read.
        if (organization.FeatureSet is { } featureSet && featureSet != "ALL")
        {
            var (admins, adminsGap) = await ReadDelegatedAdministratorsAsync(cancellationToken);
            return new Result(false, new PolicyTarget(root.Id, root.Name ?? "Root", PolicyTargetKind.Root, []), new Dictionary<string, IReadOnlyList<ServiceControlPolicy>>(), new Dictionary<string, CollectionGap>(), admins, adminsGap);
        }

        var summaries = new ConcurrentDictionary<string, List<OrgPolicySummary>>(StringComparer.Ordinal);
        var gaps = new ConcurrentDictionary<string, CollectionGap>(StringComparer.Ordinal);
        var targets = new[] { root.Id }.Concat(ouIds).Concat(accountIds).Distinct(StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(targets, Options(cancellationToken), async (target, ct) =>
        {
            try
            {
                summaries[target] = await organizations.PaginateAsync(OrganizationsApi.ListPoliciesForTarget, new ListPoliciesForTargetRequest(target, ScpFilter), ct).ToListAsync(ct);
            }
            catch (AwsServiceException e)
            {
                gaps[target] = Gap(e);
            }
        });

        var documents = new ConcurrentDictionary<string, ServiceControlPolicy>(StringComparer.Ordinal);
        var unreadable = new ConcurrentDictionary<string, CollectionGap>(StringComparer.Ordinal);
        var policyIds = summaries.Values.SelectMany(s => s).Select(p => p.Id).Distinct(StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(policyIds, Options(cancellationToken), async (id, ct) =>
        {
            try
            {
                var policy = (await organizations.SendAsync(OrganizationsApi.DescribePolicy, new DescribePolicyRequest(id), ct)).Policy;
                documents[id] = new ServiceControlPolicy(id, policy.PolicySummary.Name ?? id, policy.Content ?? "", policy.PolicySummary.AwsManaged);
            }
            catch (AwsServiceException e)
            {
                unreadable[id] = Gap(e);
            }
        });

        var attached = new Dictionary<string, IReadOnlyList<ServiceControlPolicy>>(StringComparer.Ordinal);
        foreach (var (target, list) in summaries)
        {
            attached[target] = [.. list.Where(p => documents.ContainsKey(p.Id)).Select(p => documents[p.Id])];
            if (list.FirstOrDefault(p => unreadable.ContainsKey(p.Id)) is { } missing)
            {
                // A policy on the path that could not be read leaves what the path denies unknown.
                gaps.TryAdd(target, unreadable[missing.Id]);
            }
        }

        // Disabling the SCP policy type detaches every SCP, FullAWSAccess included: then none applies anywhere.
        var rootPolicies = attached.GetValueOrDefault(root.Id, []);
        var enabled = rootPolicies.Count > 0 || gaps.ContainsKey(root.Id)
            || (root.PolicyTypes ?? []).Any(t => t.Type == ScpFilter && t.Status == "ENABLED");
        var (administrators, administratorsGap) = await ReadDelegatedAdministratorsAsync(cancellationToken);
        return new Result(enabled, new PolicyTarget(root.Id, root.Name ?? "Root", PolicyTargetKind.Root, rootPolicies), attached, gaps, administrators, administratorsGap);
    }

    private async Task<(IReadOnlyList<DelegatedAdministrator>?, CollectionGap?)> ReadDelegatedAdministratorsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var administrators = await organizations.PaginateAsync(OrganizationsApi.ListDelegatedAdministrators, new ListDelegatedAdministratorsRequest(), cancellationToken).ToListAsync(cancellationToken);
            var result = new DelegatedAdministrator[administrators.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, administrators.Count), Options(cancellationToken), async (i, ct) =>
            {
                var services = await organizations.PaginateAsync(OrganizationsApi.ListDelegatedServicesForAccount, new ListDelegatedServicesForAccountRequest(administrators[i].Id), ct).ToListAsync(ct);
                result[i] = new DelegatedAdministrator(administrators[i].Id, administrators[i].Name ?? "", [.. services.Select(s => s.ServicePrincipal).Order(StringComparer.Ordinal)]);
            });
            return ([.. result.OrderBy(a => a.AccountId, StringComparer.Ordinal)], null);
        }
        catch (AwsServiceException e)
        {
            return (null, new CollectionGap(DataSource.DelegatedAdministrators, null, e.Operation, e.ErrorCode, e.ErrorMessage));
        }
    }

    private static CollectionGap Gap(AwsServiceException e) => new(DataSource.ServiceControlPolicies, null, e.Operation, e.ErrorCode, e.ErrorMessage);

    private ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
}
