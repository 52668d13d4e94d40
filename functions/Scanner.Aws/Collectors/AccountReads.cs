using Scanner.Core.Inventory;

namespace Scanner.Aws.Collectors;

/// <summary>
/// Which accounts an organization read reads in full (tags, SCPs), and who is handed each one as soon as it is read.
/// A dispatcher scanning a few accounts reads only those; one scanning the whole organization sends each job on while
/// the rest are still being read.
/// </summary>
/// <param name="Only">The account ids to read in full; null: every account.</param>
/// <param name="OnRead">Called once per account read in full, from the read's concurrent workers.</param>
public sealed record AccountReads(IReadOnlySet<string>? Only = null, Func<OrganizationAccount, CancellationToken, ValueTask>? OnRead = null)
{
    public bool Includes(string accountId) => Only is null || Only.Contains(accountId);
}
