using System.Collections.Concurrent;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Collectors;

/// <summary>
/// The SCPs attached to a root, OU or account, each policy's document read once however many targets share it and
/// however many readers ask at the same time (the first asker's read is the one every other waits on).
/// </summary>
internal sealed class PolicyDocuments(ProtocolClient organizations)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<(ServiceControlPolicy? Policy, CollectionGap? Gap)>>> _documents = new(StringComparer.Ordinal);

    /// <returns>The target's readable policies, and the gap that leaves what it denies unknown (its list or a document unreadable).</returns>
    public async Task<(IReadOnlyList<ServiceControlPolicy> Policies, CollectionGap? Gap)> AttachedToAsync(string targetId, CancellationToken cancellationToken)
    {
        List<OrgPolicySummary> summaries;
        try
        {
            summaries = await organizations.PaginateAsync(OrganizationsApi.ListPoliciesForTarget, new ListPoliciesForTargetRequest(targetId, ServiceControlPolicyReader.ScpFilter), cancellationToken).ToListAsync(cancellationToken);
        }
        catch (AwsServiceException e)
        {
            return ([], Gap(e));
        }

        var policies = new List<ServiceControlPolicy>();
        CollectionGap? gap = null;
        foreach (var summary in summaries)
        {
            var (policy, unreadable) = await _documents.GetOrAdd(summary.Id, id => new Lazy<Task<(ServiceControlPolicy?, CollectionGap?)>>(() => DescribeAsync(id, cancellationToken))).Value;
            if (policy is not null)
            {
                policies.Add(policy);
            }

            // A policy on the path that could not be read leaves what the path denies unknown.
            gap ??= unreadable;
        }

        return (policies, gap);
    }

    private async Task<(ServiceControlPolicy?, CollectionGap?)> DescribeAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var policy = (await organizations.SendAsync(OrganizationsApi.DescribePolicy, new DescribePolicyRequest(id), cancellationToken)).Policy;
            return (new ServiceControlPolicy(id, policy.PolicySummary.Name ?? id, policy.Content ?? "", policy.PolicySummary.AwsManaged), null);
        }
        catch (AwsServiceException e)
        {
            return (null, Gap(e));
        }
    }

    private static CollectionGap Gap(AwsServiceException e) => new(DataSource.ServiceControlPolicies, null, e.Operation, e.ErrorCode, e.ErrorMessage);
}
