using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scanner.Aws.Publishing;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;

namespace Scanner.Lambda.Events;

/// <summary>
/// One account to scan: the body of each message the dispatcher sends to the scan queue and the account
/// scanner reads. It carries what the dispatcher already learned from Organizations (name, OU path, tags,
/// whether it is the management account), so the scanner needs no Organizations access of its own.
/// </summary>
/// <remarks>
/// Properties with a default are <c>set</c>, not <c>init</c>: the JSON source generator assigns every init-only
/// property, so one missing from the JSON would get null instead of its initializer's value.
/// </remarks>
public sealed partial record ScanJob
{
    public string AccountId { get; set; } = "";

    public string AccountName { get; set; } = "";

    /// <summary>OUs from the root down to the account's parent (root excluded).</summary>
    public IReadOnlyList<ScanJobOrganizationalUnit> OuPath { get; set; } = [];

    public IReadOnlyDictionary<string, string> AccountTags { get; set; } = new Dictionary<string, string>();

    public bool IsManagementAccount { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>Why the scan was asked for ("scheduled", "account created", a person's note): for logs only.</summary>
    public string Reason { get; set; } = "";

    /// <summary>
    /// The account's scan health when the dispatcher ran (it reads every account's once per run), so that the scanner
    /// writes a health finding only when the state changes and never reads the scanner's account. Null: not known
    /// (the dispatcher could not read it); the scanner then imports the account's health as it finds it.
    /// </summary>
    public ScanJobHealth? PreviousHealth { get; set; }

    /// <summary>The change that caused this scan, named in the findings it raises or resolves; absent for a scheduled scan.</summary>
    public Scanner.Aws.Publishing.ScanTrigger? Trigger { get; init; }

    /// <summary>The SCPs on the account's path and (management account) the delegated administrators; null when not read.</summary>
    public ScanJobGuardrails? Guardrails { get; set; }

    public static ScanJob FromAccount(OrganizationAccount account, DateTimeOffset requestedAt, string reason, Scanner.Aws.Publishing.ScanTrigger? trigger = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new ScanJob
        {
            AccountId = account.Id,
            AccountName = account.Name,
            OuPath = [.. account.OuPath.Select(ou => new ScanJobOrganizationalUnit(ou.Id, ou.Name))],
            AccountTags = new Dictionary<string, string>(account.Tags, StringComparer.Ordinal),
            IsManagementAccount = account.IsManagementAccount,
            RequestedAt = requestedAt,
            Reason = reason,
            Trigger = trigger,
            Guardrails = account.Guardrails is { } guardrails ? ScanJobGuardrails.From(guardrails) : null,
        };
    }

    /// <summary>The account as the scanner's inventory describes it.</summary>
    public OrganizationAccount ToAccount() => new()
    {
        Id = AccountId,
        Name = AccountName,
        IsManagementAccount = IsManagementAccount,
        OuPath = [.. OuPath.Select(ou => new OrganizationalUnit(ou.Id, ou.Name))],
        Tags = new Dictionary<string, string>(AccountTags, StringComparer.Ordinal),
        Guardrails = Guardrails?.ToGuardrails(),
    };

    /// <summary>
    /// The message body. Quotes are escaped as \" rather than the default \u0022: a job carries its account's SCP documents,
    /// whose many quotes would otherwise take six bytes each and push the largest jobs past SQS's 256 KB.
    /// </summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, this, LambdaJsonContext.Default.ScanJob);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Reads and validates a message body. Never throws for bad input: <paramref name="error"/> names the field,
    /// e.g. <c>accountId: '1234' is not a 12-digit account id</c>.
    /// </summary>
    public static bool TryParse(string? body, [NotNullWhen(true)] out ScanJob? job, [NotNullWhen(false)] out string? error)
    {
        job = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            error = "body: is empty; expected a scan job JSON object";
            return false;
        }

        ScanJob? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, LambdaJsonContext.Default.ScanJob);
        }
        catch (JsonException exception)
        {
            error = JsonErrors.Describe(exception, "body");
            return false;
        }

        if (parsed is null)
        {
            error = "body: is JSON null; expected a scan job JSON object";
            return false;
        }

        error = parsed.Validate();
        if (error is not null)
        {
            return false;
        }

        job = parsed;
        return true;
    }

    /// <summary>The first problem with this job, naming the field; null when it is valid.</summary>
    public string? Validate()
    {
        if (string.IsNullOrEmpty(AccountId))
        {
            return "accountId: is required";
        }

        if (!AwsAccountId.IsValid(AccountId))
        {
            return $"accountId: '{AccountId}' is not a 12-digit account id";
        }

        if (AccountName is null)
        {
            return "accountName: must be a string";
        }

        if (OuPath is null)
        {
            return "ouPath: must be an array of {\"id\", \"name\"}";
        }

        for (var i = 0; i < OuPath.Count; i++)
        {
            var ou = OuPath[i];
            if (ou is null)
            {
                return $"ouPath[{i}]: must be an object {{\"id\", \"name\"}}";
            }

            if (ou.Id is null || !OrganizationalUnitId().IsMatch(ou.Id))
            {
                return $"ouPath[{i}].id: '{ou.Id}' is not an OU id (ou-xxxx-xxxxxxxx)";
            }

            if (ou.Name is null)
            {
                return $"ouPath[{i}].name: is required";
            }
        }

        if (AccountTags is null)
        {
            return "accountTags: must be an object of tag keys to values";
        }

        foreach (var (key, value) in AccountTags)
        {
            if (key.Length == 0)
            {
                return "accountTags: a tag key is empty";
            }

            if (value is null)
            {
                return $"accountTags['{key}']: must be a string";
            }
        }

        if (RequestedAt == default)
        {
            return "requestedAt: is required (an ISO 8601 time)";
        }

        if (PreviousHealth is { } health && health.ToPrevious(AccountId) is null)
        {
            return $"previousHealth.state: '{health.State}' is not one of scanned, partially-scanned, not-scanned";
        }

        if (Guardrails?.Validate() is { } guardrailsProblem)
        {
            return guardrailsProblem;
        }

        return Reason is null ? "reason: must be a string" : AccountChange.TriggerProblem(Trigger, "trigger");
    }

    [GeneratedRegex("^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex OrganizationalUnitId();
}

public sealed record ScanJobOrganizationalUnit(string Id, string Name);

/// <summary>An account's scan health as a scan job carries it (see <see cref="PreviousScanHealth"/>).</summary>
public sealed record ScanJobHealth
{
    public string State { get; set; } = "";

    public string? Digest { get; set; }

    public string? CreatedAt { get; set; }

    public string? FirstObservedAt { get; set; }

    public string? UpdatedAt { get; set; }

    public static ScanJobHealth From(PreviousScanHealth previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return new ScanJobHealth
        {
            State = previous.State switch
            {
                ScanState.NotScanned => "not-scanned",
                ScanState.PartiallyScanned => "partially-scanned",
                _ => "scanned",
            },
            Digest = previous.Digest,
            CreatedAt = previous.CreatedAt,
            FirstObservedAt = previous.FirstObservedAt,
            UpdatedAt = previous.UpdatedAt,
        };
    }

    /// <summary>The previous health of <paramref name="accountId"/>; null when the state is not one this scanner writes.</summary>
    public PreviousScanHealth? ToPrevious(string accountId)
    {
        ScanState? state = State switch
        {
            "scanned" => ScanState.Scanned,
            "partially-scanned" => ScanState.PartiallyScanned,
            "not-scanned" => ScanState.NotScanned,
            _ => null,
        };
        return state is { } known
            ? new PreviousScanHealth { AccountId = accountId, State = known, Digest = Digest, CreatedAt = CreatedAt, FirstObservedAt = FirstObservedAt, UpdatedAt = UpdatedAt }
            : null;
    }
}
