using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;

namespace Scanner.Aws.Publishing;

/// <summary>
/// Decides, without I/O, what to import into one account's Security Hub after a scan, from the scan's results and
/// this scanner's findings as Security Hub holds them (Security Hub is the store: no local state).
/// <list type="bullet">
/// <item>New failure: imported ACTIVE, FAILED, all four timestamps now.</item>
/// <item>Still failing, and saying something new (its content fingerprint differs from the stored one): re-imported with
/// the same id; CreatedAt and FirstObservedAt are kept from Security Hub, LastObservedAt is now, UpdatedAt is now but
/// always strictly later than the stored UpdatedAt (Security Hub ignores an update that is not), so a slow or repeated
/// clock gives stored + 1 ms.</item>
/// <item>Still failing and saying exactly what Security Hub holds: not imported (each import is a billed ingestion
/// event) until the stored UpdatedAt is older than the refresh age (a week by default; the policy's
/// findingRefreshDays), when it is re-imported as above so that Security Hub never deletes it for staleness (90
/// days). A reviewer therefore reads LastObservedAt and UpdatedAt as "confirmed at least this recently": they move
/// when the finding changes or is refreshed, not on every scan.</item>
/// <item>No longer failing (the check passed, or its subject is gone): imported once more as PASSED and ARCHIVED,
/// severity INFORMATIONAL (as Security Hub's own controls report passes).</item>
/// <item>Failing again after being resolved: the same id becomes ACTIVE and FAILED again. CreatedAt and
/// FirstObservedAt are kept from the first detection, as Security Hub's own control findings do; the product field
/// compliance/reopenedAt records when it reopened, so both how old the problem is and how recent the regression
/// is can be read.</item>
/// <item>Exempted: not an active failure. Recorded as Compliance PASSED, RecordState ARCHIVED, with the exemption
/// at the start of the description and in ProductFields compliance/exemption, so the exemption stays visible and
/// auditable; an active finding that becomes exempted is archived that way. An exemption record already stored
/// with the same content is, like an unchanged failure, re-imported only when due for a refresh.</item>
/// <item>Scope: an active finding absent from the results (or now passing) is resolved only if its check ran and
/// no data source of the check has a gap in the finding's resource Region (a gap without Region counts
/// everywhere). Otherwise it is left exactly as it is. A failing or exempted result is positive evidence from this
/// scan and is imported whatever the gaps. scan.account-not-scanned findings are scoped by subject: they are
/// resolved only by a PASSED result for the same account (see <see cref="AccountScanHealth"/>), never by absence,
/// because each publish speaks only for the accounts it scanned.</item>
/// <item>Findings of other products, generators or accounts are never touched.</item>
/// </list>
/// </summary>
public sealed class FindingReconciler
{
    /// <summary>How often an unchanged finding is re-imported by default (Security Hub deletes findings not updated for 90 days).</summary>
    public static readonly TimeSpan DefaultRefreshAge = TimeSpan.FromDays(7);

    private static readonly HashSet<string> SubjectScopedChecks = new(StringComparer.Ordinal) { ScanHealth.AccountNotScannedDefinition.Id };

    private readonly AsffMapper _mapper;
    private readonly Func<string, CheckMetadata?> _metadata;

    /// <param name="metadata">Check metadata by id (data sources decide the scope); the catalog by default.</param>
    public FindingReconciler(Func<string, CheckMetadata?>? metadata = null)
    {
        _metadata = metadata ?? CheckCatalog.Find;
        _mapper = new AsffMapper(_metadata);
    }

    public ReconcilePlan Reconcile(ReconcileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stranger = input.Results.FirstOrDefault(r => !string.Equals(r.AccountId, input.AccountId, StringComparison.Ordinal));
        if (stranger is not null)
        {
            throw new ArgumentException(
                $"Result {stranger.CheckId} for {stranger.ResourceId} belongs to account {stranger.AccountId}, not {input.AccountId}: "
                + "with the default product ARN a finding can only be imported by the account it names.", nameof(input));
        }

        var productArn = ScannerProduct.ProductArn(input.Region, input.AccountId);
        var existing = input.Existing
            .Where(f => ScannerProduct.IsOurs(f, input.AccountId, productArn))
            .GroupBy(f => f.Id, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(IsActive).ThenByDescending(f => AsffFormat.ParseTimestamp(f.UpdatedAt)).First(),
                StringComparer.Ordinal);

        // One result per finding id; should a check report one subject twice, the failing verdict wins.
        var results = input.Results
            .OrderBy(r => r.Status switch { CheckStatus.Failed or CheckStatus.Error => 0, CheckStatus.Exempted => 1, _ => 2 })
            .DistinctBy(FindingIdentity.For, StringComparer.Ordinal)
            .ToList();

        var imports = new List<PlannedImport>();
        var unchanged = new List<string>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            var id = FindingIdentity.For(result);
            reported.Add(id);
            var prior = existing.GetValueOrDefault(id);
            var fresh = FindingContent.Stamp(_mapper.Map(result, input.Region, input.Now));
            switch (result.Status)
            {
                case CheckStatus.Failed or CheckStatus.Error when prior is null:
                    imports.Add(new(fresh, FindingChange.Created));
                    break;
                case CheckStatus.Failed or CheckStatus.Error when IsActive(prior) && UpToDate(fresh, prior, input):
                    unchanged.Add(id);
                    break;
                case CheckStatus.Failed or CheckStatus.Error when IsActive(prior):
                    imports.Add(new(CarryOver(fresh, prior, input.Now, KeepReopened(prior)), FindingChange.Updated));
                    break;
                case CheckStatus.Failed or CheckStatus.Error:
                    imports.Add(new(CarryOver(fresh, prior, input.Now, AsffFormat.Timestamp(input.Now)), FindingChange.Reactivated));
                    break;
                case CheckStatus.Exempted when prior is not null && !IsActive(prior) && IsExemptionRecord(prior) && UpToDate(fresh, prior, input):
                    unchanged.Add(id);
                    break;
                case CheckStatus.Exempted:
                    imports.Add(new(prior is null ? fresh : CarryOver(fresh, prior, input.Now, null), FindingChange.Exempted));
                    break;
                case CheckStatus.Passed when prior is not null && IsActive(prior):
                    if (InScope(result.CheckId, RegionOf(prior) ?? result.Region, input))
                    {
                        var resolved = CarryOver(fresh, prior, input.Now, null);
                        imports.Add(new(resolved with { ProductFields = With(resolved.ProductFields, ScannerProduct.Fields.Resolution, "passed") }, FindingChange.Resolved));
                    }
                    else
                    {
                        unchanged.Add(id);
                    }

                    break;
                default:
                    // Passing, with nothing active to resolve: nothing to say to Security Hub.
                    break;
            }
        }

        foreach (var prior in existing.Values.Where(f => IsActive(f) && !reported.Contains(f.Id)))
        {
            var checkId = prior.GeneratorId!;
            if (!SubjectScopedChecks.Contains(checkId) && RegionOf(prior) is { } region && InScope(checkId, region, input))
            {
                imports.Add(new(ResolveAbsent(prior, input.Now), FindingChange.Resolved));
            }
            else
            {
                unchanged.Add(prior.Id);
            }
        }

        return new ReconcilePlan
        {
            Imports = [.. imports.Select(i => TriggerAttribution.Apply(i, existing.GetValueOrDefault(i.Finding.Id), input.Trigger)).OrderBy(i => i.Finding.Id, StringComparer.Ordinal)],
            Unchanged = [.. unchanged.Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// Whether this scan is authoritative for findings of a check in a Region: the check ran, and no data source it
    /// reads has a gap there (a gap without Region, or a finding without one, counts everywhere).
    /// </summary>
    public bool InScope(string checkId, string? region, ReconcileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.ChecksRun.Contains(checkId) || _metadata(checkId) is not { } metadata)
        {
            return false;
        }

        return !GapCoverage.Hides(metadata, region, input.Gaps);
    }

    /// <summary>
    /// A strictly later UpdatedAt than the stored one: Security Hub ignores an import whose UpdatedAt is not later.
    /// </summary>
    public static DateTimeOffset UpdatedAfter(DateTimeOffset now, string? storedUpdatedAt) =>
        AsffFormat.ParseTimestamp(storedUpdatedAt) is { } stored && now <= stored ? stored.AddMilliseconds(1) : now;

    private static bool IsActive(AsffFinding? finding) =>
        finding is not null && !string.Equals(finding.RecordState, "ARCHIVED", StringComparison.Ordinal);

    /// <summary>The Region of the finding's subject, where gaps are looked for.</summary>
    private static string? RegionOf(AsffFinding finding) =>
        finding.Resources is [{ Region: { Length: > 0 } region }, ..] ? region : finding.Region;

    private static string? KeepReopened(AsffFinding prior) =>
        prior.ProductFields?.GetValueOrDefault(ScannerProduct.Fields.ReopenedAt);

    /// <summary>The fresh finding with the history Security Hub holds: creation and first observation kept, updates strictly later.</summary>
    private static AsffFinding CarryOver(AsffFinding fresh, AsffFinding prior, DateTimeOffset now, string? reopenedAt)
    {
        var created = AsffFormat.ParseTimestamp(prior.CreatedAt) ?? now;
        var firstObserved = AsffFormat.ParseTimestamp(prior.FirstObservedAt) ?? created;
        var updated = UpdatedAfter(now, prior.UpdatedAt);
        var lastObserved = now < firstObserved ? firstObserved : now;
        return fresh with
        {
            CreatedAt = AsffFormat.Timestamp(created),
            FirstObservedAt = AsffFormat.Timestamp(firstObserved),
            UpdatedAt = AsffFormat.Timestamp(updated),
            LastObservedAt = AsffFormat.Timestamp(lastObserved),
            ProductFields = reopenedAt is null ? fresh.ProductFields : With(fresh.ProductFields, ScannerProduct.Fields.ReopenedAt, reopenedAt),
        };
    }

    /// <summary>
    /// An active finding this scan would have reported and did not: its subject is gone (a deleted user or key, a
    /// terminated instance). Its own record is imported once more as PASSED and ARCHIVED.
    /// </summary>
    private static AsffFinding ResolveAbsent(AsffFinding prior, DateTimeOffset now)
    {
        var created = AsffFormat.ParseTimestamp(prior.CreatedAt) ?? now;
        var firstObserved = AsffFormat.ParseTimestamp(prior.FirstObservedAt) ?? created;
        var informational = new AsffSeverity("INFORMATIONAL", "INFORMATIONAL");
        var fields = (prior.ProductFields ?? [])
            .Where(p => !p.Key.StartsWith("aws/", StringComparison.Ordinal)) // Security Hub's own, not ours to send
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        fields[ScannerProduct.Fields.ProviderVersion] = ScannerProduct.Version;
        fields[ScannerProduct.Fields.Status] = "PASSED";
        fields[ScannerProduct.Fields.Resolution] = "not-reported";
        var types = prior.FindingProviderFields?.Types ?? prior.Types;
        return prior with
        {
            SchemaVersion = prior.SchemaVersion ?? AsffFormat.SchemaVersion,
            CreatedAt = AsffFormat.Timestamp(created),
            FirstObservedAt = AsffFormat.Timestamp(firstObserved),
            UpdatedAt = AsffFormat.Timestamp(UpdatedAfter(now, prior.UpdatedAt)),
            LastObservedAt = AsffFormat.Timestamp(now < firstObserved ? firstObserved : now),
            Types = types,
            Severity = informational,
            FindingProviderFields = new AsffFindingProviderFields(informational, types),
            Compliance = new AsffCompliance("PASSED", prior.Compliance?.RelatedRequirements),
            RecordState = "ARCHIVED",
            ProductFields = fields,
            ProductName = ScannerProduct.Name,
            CompanyName = ScannerProduct.CompanyName,

            // Workflow belongs to the people triaging; BatchImportFindings may not change it.
            Workflow = null,
        };
    }

    /// <summary>Security Hub holds exactly what the fresh finding says, and updated it recently enough.</summary>
    private static bool UpToDate(AsffFinding fresh, AsffFinding prior, ReconcileInput input) =>
        FindingContent.Unchanged(fresh, prior)
        && AsffFormat.ParseTimestamp(prior.UpdatedAt) is { } updated
        && input.Now - updated < input.RefreshAge;

    private static bool IsExemptionRecord(AsffFinding prior) =>
        string.Equals(Field(prior, ScannerProduct.Fields.Status), "EXEMPTED", StringComparison.Ordinal);

    private static string? Field(AsffFinding finding, string key) => finding.ProductFields?.GetValueOrDefault(key);

    private static Dictionary<string, string> With(Dictionary<string, string>? fields, string key, string value)
    {
        var copy = fields is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(fields, StringComparer.Ordinal);
        copy[key] = value;
        return copy;
    }
}
