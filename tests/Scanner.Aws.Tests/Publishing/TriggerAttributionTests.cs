using Scanner.Aws.Publishing;
using Scanner.Aws.Services;
using Scanner.Core.Evaluation;

namespace Scanner.Aws.Tests.Publishing;

/// <summary>Which findings of a rescan name the change that caused it, through the reconciler as the publisher runs it.</summary>
public sealed class TriggerAttributionTests
{
    private const string Account = "111122223333";
    private const string Home = "us-east-1";
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddDays(1);

    private static readonly ScanTrigger KeyCreated =
        new("CreateAccessKey", "iam.amazonaws.com", "2026-12-01T23:58:00Z", $"arn:aws:iam::{Account}:user/JaneDoe", Home, "evt-key");

    private static readonly ScanTrigger UserTagged =
        new("TagUser", "iam.amazonaws.com", "2026-12-01T23:59:00Z", $"arn:aws:iam::{Account}:user/JohnDoe", Home, "evt-tag");

    private readonly FindingReconciler _reconciler = new();

    private ReconcilePlan Reconcile(IReadOnlyList<CheckResult> results, IReadOnlyList<AsffFinding> existing, ScanTrigger? trigger, DateTimeOffset now) =>
        _reconciler.Reconcile(new ReconcileInput
        {
            AccountId = Account,
            Region = Home,
            Results = results,
            Existing = existing,
            ChecksRun = Results.AllChecks,
            Now = now,
            Trigger = trigger,
        });

    private static string? Field(PlannedImport import, string key) => import.Finding.ProductFields?.GetValueOrDefault(key);

    [Fact]
    public void A_finding_a_rescan_creates_names_the_change_event_time_and_principal()
    {
        var import = Reconcile([Results.IamUser(Account, "bob")], [], KeyCreated, T1).Imports.Single();

        import.Change.Should().Be(FindingChange.Created);
        Field(import, ScannerProduct.Fields.TriggerEventName).Should().Be("CreateAccessKey");
        Field(import, ScannerProduct.Fields.TriggerEventTime).Should().Be("2026-12-01T23:58:00Z");
        Field(import, ScannerProduct.Fields.TriggerPrincipal).Should().Be($"arn:aws:iam::{Account}:user/JaneDoe");
        Field(import, ScannerProduct.Fields.TriggerEventId).Should().Be("evt-key");
        Field(import, ScannerProduct.Fields.Trigger).Should().Be(KeyCreated.Describe());
        AsffMapper.SizeOf(import.Finding).Should().BeLessThan(AsffFormat.FindingBytes);
    }

    [Fact]
    public void A_scheduled_scan_names_no_change()
    {
        var import = Reconcile([Results.IamUser(Account, "bob")], [], trigger: null, T1).Imports.Single();

        import.Finding.ProductFields!.Keys.Should().NotContain(TriggerAttribution.Keys);
    }

    [Fact]
    public void A_finding_that_stays_failing_keeps_the_change_that_raised_it_through_later_scans()
    {
        var bob = Results.IamUser(Account, "bob");
        var raised = Reconcile([bob], [], KeyCreated, T0).Imports.Single().Finding;

        // Each rescan past the refresh age, so that the unchanged finding is imported again and shows what it carries.
        var byUnrelatedChange = Reconcile([bob], [raised], UserTagged, T0.AddDays(8)).Imports.Single();
        var bySchedule = Reconcile([bob], [byUnrelatedChange.Finding], trigger: null, T0.AddDays(16)).Imports.Single();

        byUnrelatedChange.Change.Should().Be(FindingChange.Updated);
        Field(byUnrelatedChange, ScannerProduct.Fields.TriggerEventId).Should().Be("evt-key", "TagUser did not raise it");
        bySchedule.Change.Should().Be(FindingChange.Updated);
        Field(bySchedule, ScannerProduct.Fields.TriggerEventId).Should().Be("evt-key");
        Field(bySchedule, ScannerProduct.Fields.TriggerPrincipal).Should().Be($"arn:aws:iam::{Account}:user/JaneDoe");
    }

    [Fact]
    public void A_finding_a_rescan_resolves_names_the_change_and_a_scheduled_resolution_names_none()
    {
        var bob = Results.IamUser(Account, "bob");
        var raised = Reconcile([bob], [], KeyCreated, T0).Imports.Single().Finding;

        var resolvedByChange = Reconcile([], [raised], UserTagged, T1).Imports.Single();
        var resolvedBySchedule = Reconcile([], [raised], trigger: null, T1).Imports.Single();

        resolvedByChange.Change.Should().Be(FindingChange.Resolved);
        Field(resolvedByChange, ScannerProduct.Fields.TriggerEventId).Should().Be("evt-tag");
        resolvedBySchedule.Change.Should().Be(FindingChange.Resolved);
        resolvedBySchedule.Finding.ProductFields!.Keys.Should().NotContain(TriggerAttribution.Keys, "the change that raised it did not resolve it");
    }

    [Fact]
    public void A_finding_reopened_by_a_rescan_names_the_change_that_reopened_it()
    {
        var bob = Results.IamUser(Account, "bob");
        var raised = Reconcile([bob], [], KeyCreated, T0).Imports.Single().Finding;
        var resolved = Reconcile([], [raised], trigger: null, T0.AddHours(1)).Imports.Single().Finding;

        var reopened = Reconcile([bob], [resolved], UserTagged, T1).Imports.Single();

        reopened.Change.Should().Be(FindingChange.Reactivated);
        Field(reopened, ScannerProduct.Fields.TriggerEventName).Should().Be("TagUser");
    }
}
