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
/// walked once (one ListAccountsForParent per OU rather than one ListParents per account), the root's and OUs' SCPs and
/// the delegated administrators once for every account (<see cref="ServiceControlPolicyReader"/>), then each account's
/// tags and own SCPs, accounts concurrently, each account handed on as soon as it is read (<see cref="AccountReads"/>). With an IAM client (same credentials), the organization's centralized
/// root access settings are read once too (iam:ListOrganizationsFeatures) and handed to every account with its
/// guardrails: only the management account (or IAM's delegated administrator) can read them, and a member account's
/// root-credential finding needs them. Pass null where the settings are not needed (the exemption register).
/// </summary>
public sealed class OrganizationReader(ProtocolClient organizations, ProtocolClient? iam, int concurrency = 8)
{
    /// <summary>Every account, read in full.</summary>
    public Task<OrganizationSnapshot> ReadAsync(CancellationToken cancellationToken) => ReadAsync(new AccountReads(), cancellationToken);

    /// <summary>
    /// The organization with the accounts <paramref name="reads"/> asks for read in full (tags and guardrails), each handed
    /// to its callback as soon as it is read; the other accounts are listed (id, name, status, OU path) without them.
    /// </summary>
    public async Task<OrganizationSnapshot> ReadAsync(AccountReads reads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var organization = (await organizations.SendAsync(OrganizationsApi.DescribeOrganization, new EmptyRequest(), cancellationToken)).Organization;
        var rootAccessRead = ReadRootAccessManagementAsync(cancellationToken);
        var placed = new List<(OrgAccount Account, IReadOnlyList<OrganizationalUnit> Path)>();
        var roots = await organizations.PaginateAsync(OrganizationsApi.ListRoots, new ListRootsRequest(), cancellationToken).ToListAsync(cancellationToken);
        foreach (var root in roots)
        {
            await WalkAsync(root.Id, [], placed, cancellationToken);
        }

        // An organization has exactly one root; SCPs are read against it, the root's and OUs' once for every account.
        var policies = roots.Count == 0 ? null : await new ServiceControlPolicyReader(organizations, concurrency).ReadAsync(
            organization,
            roots[0],
            [.. placed.SelectMany(p => p.Path).Select(ou => ou.Id).Distinct(StringComparer.Ordinal)],
            cancellationToken);

        var (rootAccess, rootAccessGap) = await rootAccessRead;
        var accounts = new OrganizationAccount[placed.Count];
        for (var i = 0; i < placed.Count; i++)
        {
            accounts[i] = Listed(placed[i].Account, placed[i].Path, organization);
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, placed.Count).Where(i => reads.Includes(placed[i].Account.Id)),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var listed = accounts[i];
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                await foreach (var tag in organizations.PaginateAsync(OrganizationsApi.ListTagsForResource, new ListTagsForResourceRequest(listed.Id), ct))
                {
                    tags[tag.Key] = tag.Value ?? "";
                }

                var guardrails = policies is null ? null : await policies.ForAccountAsync(listed.Id, listed.Name, listed.OuPath, listed.IsManagementAccount, ct);
                var account = listed with
                {
                    Tags = tags,
                    Guardrails = guardrails is null ? null : WithRootAccess(guardrails, rootAccess, listed.IsManagementAccount ? rootAccessGap : null),
                };
                accounts[i] = account;
                if (reads.OnRead is { } onRead)
                {
                    await onRead(account, ct);
                }
            });

        return new OrganizationSnapshot(organization.Id, organization.MasterAccountId, accounts.OrderBy(a => a.Id, StringComparer.Ordinal).ToList());
    }

    private static OrganizationAccount Listed(OrgAccount account, IReadOnlyList<OrganizationalUnit> path, OrgOrganization organization) => new()
    {
        Id = account.Id,
        Name = account.Name ?? "",
        Email = account.Email ?? "",
        Status = account.State ?? account.Status ?? "ACTIVE",
        IsManagementAccount = account.Id == organization.MasterAccountId,
        OuPath = path,
    };

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
