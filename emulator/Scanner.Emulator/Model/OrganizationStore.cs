namespace Scanner.Emulator.Model;

/// <summary>
/// The emulator's state: one organization snapshot, replaced whole by each write. Reads take the current snapshot
/// without a lock; writes are applied one at a time, each a function from the snapshot to the next one and the
/// answer. Ids are drawn from a seeded generator, so the same writes build the same organization, run after run.
/// </summary>
public sealed class OrganizationStore(SyntheticOrganization initial, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Random _ids = new(20261207);
    private SyntheticOrganization _current = initial;

    public SyntheticOrganization Current => Volatile.Read(ref _current);

    public TimeProvider Time { get; } = time;

    /// <summary>Applies one write: <paramref name="change"/> gets the current snapshot and returns the next (the same one to change nothing) and the answer.</summary>
    public T Update<T>(Func<SyntheticOrganization, (SyntheticOrganization Next, T Answer)> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var (next, answer) = change(_current);
            Volatile.Write(ref _current, next);
            return answer;
        }
    }

    /// <summary>
    /// A write to one account: <paramref name="change"/> gets the account as it is now and returns its next state (null:
    /// unchanged, the write was refused) and the answer.
    /// </summary>
    public T UpdateAccount<T>(string accountId, Func<SyntheticAccount, (SyntheticAccount? Next, T Answer)> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Update(organization =>
        {
            var (next, answer) = change(organization.Find(accountId) ?? throw new InvalidOperationException($"No account {accountId} in the emulator."));
            return (next is null ? organization : organization.WithAccount(accountId, _ => next), answer);
        });
    }

    /// <summary>A random id of <paramref name="length"/> characters from <paramref name="alphabet"/>: deterministic for a given sequence of writes.</summary>
    public string NewId(string alphabet, int length)
    {
        lock (_ids)
        {
            return string.Create(length, (alphabet, _ids), static (span, state) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = state.alphabet[state._ids.Next(state.alphabet.Length)];
                }
            });
        }
    }

    public const string Digits = "0123456789";
    public const string LowerAlphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";
    public const string UpperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    public const string Hex = "0123456789abcdef";

    /// <summary>
    /// One standalone AWS account, not yet in an organization: what the emulator starts with, as a new AWS account
    /// does. Its root user is secured with MFA (root MFA cannot be set through any API, so the emulator assumes the
    /// well-run case) and has no access keys.
    /// </summary>
    public static SyntheticOrganization Standalone(string accountId, string name, DateTimeOffset now) => new()
    {
        OrganizationId = "",
        RootId = "",
        ManagementAccountId = accountId,
        OrganizationalUnits = [],
        Accounts = [NewAccount(accountId, name, $"{name}@example.com", "", now)],
    };

    /// <summary>A new, empty account: no users, no resources, Security Hub, Config and GuardDuty off.</summary>
    public static SyntheticAccount NewAccount(string id, string name, string email, string parentId, DateTimeOffset now) => new()
    {
        Id = id,
        Name = name,
        Email = email,
        ParentId = parentId,
        JoinedAt = now,
        Tags = [],
        Users = [],
        OptedInRegions = [],
        Instances = [],
        Functions = [],
        TaggedOnly = [],
        CredentialReportAt = now,
        Root = new SyntheticRoot(now, MfaActive: true, PasswordLastUsed: null),
    };
}
