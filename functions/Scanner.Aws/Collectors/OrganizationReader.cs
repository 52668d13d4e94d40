using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Collectors;

/// <summary>The organization as the scanner sees it: who manages it and every account with its OU path and tags.</summary>
public sealed record OrganizationSnapshot(string OrganizationId, string ManagementAccountId, IReadOnlyList<OrganizationAccount> Accounts);

/// <summary>
/// Reads the organization from the management account (or a delegated administrator): the OU tree is
/// walked once (one ListAccountsForParent per OU rather than one ListParents per account), then each
/// account's tags are read concurrently, and the SCPs and delegated administrators once for every account
/// (<see cref="ServiceControlPolicyReader"/>). With an IAM client (same credentials), the organization's centralized
/// root access settings are read once too (iam:ListOrganizationsFeatures) and handed to every account with its
/// guardrails: only the management account (or IAM's delegated administrator) can read them, and a member account's
/// root-credential finding needs them. Pass null where the settings are not needed (the exemption register).
/// </summary>
public sealed class OrganizationReader(ProtocolClient organizations, ProtocolClient? iam, int concurrency = 8)
{
    public async Task<OrganizationSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var organization = (await organizations.SendAsync(OrganizationsApi.DescribeOrganization, new EmptyRequest(), cancellationToken)).Organization;
        var placed = new List<(OrgAccount Account, IReadOnlyList<OrganizationalUnit> Path)>();
        var roots = await organizations.PaginateAsync(OrganizationsApi.ListRoots, new ListRootsRequest(), cancellationToken).ToListAsync(cancellationToken);
        foreach (var root in roots)
        {
            await WalkAsync(root.Id, [], placed, cancellationToken);
        }

        // An organization has exactly one root; SCPs are read against it, once for every account.
        var guardrails = roots.Count == 0 ? null : await new ServiceControlPolicyReader(organizations, concurrency).ReadAsync(
            organization,
            roots[0],
            [.. placed.SelectMany(p => p.Path).Select(ou => ou.Id).Distinct(StringComparer.Ordinal)],
            [.. placed.Select(p => p.Account.Id)],
            cancellationToken);

        var (rootAccess, rootAccessGap) = await ReadRootAccessManagementAsync(cancellationToken);
        var accounts = new OrganizationAccount[placed.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, placed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (account, path) = placed[i];
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                await foreach (var tag in organizations.PaginateAsync(OrganizationsApi.ListTagsForResource, new ListTagsForResourceRequest(account.Id), ct))
                {
                    tags[tag.Key] = tag.Value ?? "";
                }

                accounts[i] = new OrganizationAccount
                {
                    Id = account.Id,
                    Name = account.Name ?? "",
                    Email = account.Email ?? "",
                    Status = account.State ?? account.Status ?? "ACTIVE",
                    IsManagementAccount = account.Id == organization.MasterAccountId,
                    OuPath = path,
                    Tags = tags,
                    Guardrails = guardrails?.For(account.Id, account.Name ?? "", path, account.Id == organization.MasterAccountId) is { } own
                        ? WithRootAccess(own, rootAccess, account.Id == organization.MasterAccountId ? rootAccessGap : null)
                        : null,
                };
            });

        return new OrganizationSnapshot(organization.Id, organization.MasterAccountId, accounts.OrderBy(a => a.Id, StringComparer.Ordinal).ToList());
    }

    /// <summary>The settings, or the gap that says why they are unknown (reported on the management account only).</summary>
    private async Task<(RootAccessManagement?, CollectionGap?)> ReadRootAccessManagementAsync(CancellationToken cancellationToken)
    {
        if (iam is null)
        {
            return (null, null);
        }

        try
        {
            var features = (await iam.SendAsync(IamApi.ListOrganizationsFeatures, new EmptyRequest(), cancellationToken)).EnabledFeatures ?? [];
            return (new RootAccessManagement(features.Contains("RootCredentialsManagement"), features.Contains("RootSessions")), null);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ServiceAccessNotEnabledException")
        {
            // IAM has no trusted access in Organizations (botocore's iam model names this error for the call): then
            // neither feature can be on. That is an answer, not a gap: the organization does not manage root centrally.
            return (new RootAccessManagement(false, false), null);
        }
        catch (AwsServiceException e)
        {
            return (null, new CollectionGap(DataSource.OrganizationFeatures, null, e.Operation, e.ErrorCode, e.ErrorMessage));
        }
    }

    private static OrganizationGuardrails WithRootAccess(OrganizationGuardrails guardrails, RootAccessManagement? rootAccess, CollectionGap? gap) =>
        guardrails with { RootAccessManagement = rootAccess, Gaps = gap is null ? guardrails.Gaps : [.. guardrails.Gaps, gap] };

    private async Task WalkAsync(string parentId, IReadOnlyList<OrganizationalUnit> path, List<(OrgAccount, IReadOnlyList<OrganizationalUnit>)> into, CancellationToken cancellationToken)
    {
        await foreach (var account in organizations.PaginateAsync(OrganizationsApi.ListAccountsForParent, new ListAccountsForParentRequest(parentId), cancellationToken))
        {
            into.Add((account, path));
        }

        await foreach (var ou in organizations.PaginateAsync(OrganizationsApi.ListOrganizationalUnitsForParent, new ListOrganizationalUnitsForParentRequest(parentId), cancellationToken))
        {
            await WalkAsync(ou.Id, [.. path, new OrganizationalUnit(ou.Id, ou.Name)], into, cancellationToken);
        }
    }
}
