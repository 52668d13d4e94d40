using Scanner.Aws.Collectors;
using Scanner.Core.Inventory;

namespace Scanner.Functions.Tests.Handlers;

/// <summary>An organization read for a dispatcher under test: a fixed organization, handed on as OrganizationReader does.</summary>
internal static class SnapshotRead
{
    /// <summary>An organization of <paramref name="accounts"/> ACTIVE member accounts, 222222222220 onwards.</summary>
    public static OrganizationSnapshot Organization(int accounts) => new("o-abcdefghij", "111111111111",
        [.. Enumerable.Range(0, accounts).Select(i => new OrganizationAccount { Id = (222222222220L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), Name = $"account-{i}" })]);

    /// <summary>Each account asked for handed on one after another (a read with a concurrency of one); <paramref name="seen"/> hears each step.</summary>
    public static Func<AccountReads, CancellationToken, Task<OrganizationSnapshot>> Of(OrganizationSnapshot organization, Action<string>? seen = null) => async (reads, ct) =>
    {
        foreach (var account in organization.Accounts.Where(a => reads.Includes(a.Id)))
        {
            seen?.Invoke("read");
            await (reads.OnRead?.Invoke(account, ct) ?? ValueTask.CompletedTask);
        }

        seen?.Invoke("read done");
        return organization;
    };
}
