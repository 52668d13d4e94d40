using System.Collections.Concurrent;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Collectors;

/// <summary>
/// The organization-level guardrail data, read with the organization: the SCPs attached to the root and to every OU
/// and the delegated administrators with their services, once per scan (<see cref="ReadAsync"/>); then each account's
/// own SCPs as the account is read (<see cref="OrganizationPolicies.ForAccountAsync"/>), so that a dispatcher can hand
/// an account on as soon as it is known. Every attached policy's document is read once (one DescribePolicy per policy
/// id, however many targets share it). What cannot be read becomes a gap of the accounts it concerns, never a failure
/// of the whole read.
/// </summary>
public sealed class ServiceControlPolicyReader(ProtocolClient organizations, int concurrency)
{
    internal const string ScpFilter = "SERVICE_CONTROL_POLICY";

    public async Task<OrganizationPolicies> ReadAsync(OrgOrganization organization, OrgRoot root, IReadOnlyList<string> ouIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(root);
        var documents = new PolicyDocuments(organizations);

        // Without all features, an organization has no SCPs to read.
        if (organization.FeatureSet is { } featureSet && featureSet != "ALL")
        {
            var (admins, adminsGap) = await ReadDelegatedAdministratorsAsync(cancellationToken);
            return new OrganizationPolicies(documents, false, new PolicyTarget(root.Id, root.Name ?? "Root", PolicyTargetKind.Root, []),
                new Dictionary<string, IReadOnlyList<ServiceControlPolicy>>(), new Dictionary<string, CollectionGap>(), admins, adminsGap);
        }

        var attached = new ConcurrentDictionary<string, IReadOnlyList<ServiceControlPolicy>>(StringComparer.Ordinal);
        var gaps = new ConcurrentDictionary<string, CollectionGap>(StringComparer.Ordinal);
        var targets = new[] { root.Id }.Concat(ouIds).Distinct(StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(targets, Options(cancellationToken), async (target, ct) =>
        {
            var (policies, gap) = await documents.AttachedToAsync(target, ct);
            attached[target] = policies;
            if (gap is not null)
            {
                gaps[target] = gap;
            }
        });

        // Disabling the SCP policy type detaches every SCP, FullAWSAccess included: then none applies anywhere.
        var rootPolicies = attached.GetValueOrDefault(root.Id, []);
        var enabled = rootPolicies.Count > 0 || gaps.ContainsKey(root.Id)
            || (root.PolicyTypes ?? []).Any(t => t.Type == ScpFilter && t.Status == "ENABLED");
        var (delegated, delegatedGap) = await ReadDelegatedAdministratorsAsync(cancellationToken);
        return new OrganizationPolicies(documents, enabled, new PolicyTarget(root.Id, root.Name ?? "Root", PolicyTargetKind.Root, rootPolicies), attached, gaps, delegated, delegatedGap);
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

    private ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
}
