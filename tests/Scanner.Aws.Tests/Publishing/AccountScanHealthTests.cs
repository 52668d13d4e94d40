using Scanner.Aws.Publishing;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Tests.Publishing;

/// <summary>
/// What an account's health import is, given what the run began with: nothing when nothing changed, the finding's
/// history kept when it did. Each case starts from a finding the mapper wrote, read back as the dispatcher reads it.
/// </summary>
public sealed class AccountScanHealthTests
{
    private const string Scanner = "111111111111";
    private const string Target = "222222222222";
    private const string Home = "us-east-1";
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly AsffMapper Mapper = new();

    private static readonly CollectionGap[] Gaps = [new(DataSource.Lambda, "eu-west-1", "ListFunctions", "AccessDeniedException", "denied")];

    private static Core.Evaluation.CheckResult Unscannable => ScanHealth.AccountNotScanned(Target, "sandbox", "the audit role could not be assumed", "AccessDenied", Scanner, Home);

    private static Core.Evaluation.CheckResult Partial => ScanHealth.AccountPartiallyScanned(Target, "sandbox", Gaps, Scanner, Home);

    private static Core.Evaluation.CheckResult Whole => AccountScanHealth.Scanned(Target, "sandbox", Scanner, Home);

    /// <summary>The health finding as stored <paramref name="age"/> ago, as the dispatcher's read gives it.</summary>
    private static PreviousScanHealth Stored(Core.Evaluation.CheckResult health, TimeSpan age) =>
        AccountScanHealth.FromFinding(Mapper.Map(health, Home, Now - age))!;

    [Fact]
    public void Read_back_a_health_finding_gives_its_state()
    {
        Stored(Unscannable, TimeSpan.Zero).State.Should().Be(ScanState.NotScanned);
        Stored(Partial, TimeSpan.Zero).State.Should().Be(ScanState.PartiallyScanned);
        Stored(Whole, TimeSpan.Zero).State.Should().Be(ScanState.Scanned, "a resolved (archived) finding is a clean scan");
        Stored(Partial, TimeSpan.Zero).AccountId.Should().Be(Target, "the subject, not the account that stores it");
    }

    [Fact]
    public void Nothing_is_written_when_nothing_changed()
    {
        AccountScanHealth.Plan(Mapper, Whole, PreviousScanHealth.Clean(Target), Home, Now).Should().BeNull();
        AccountScanHealth.Plan(Mapper, Partial, Stored(Partial, TimeSpan.FromDays(3)), Home, Now).Should().BeNull();
        AccountScanHealth.Plan(Mapper, Unscannable, Stored(Unscannable, TimeSpan.FromDays(29)), Home, Now).Should().BeNull();
    }

    [Fact]
    public void A_change_of_state_or_of_words_is_written_with_the_findings_history()
    {
        var before = Stored(Unscannable, TimeSpan.FromDays(3));

        var partial = AccountScanHealth.Plan(Mapper, Partial, before, Home, Now)!;
        partial.RecordState.Should().Be("ACTIVE");
        partial.Title.Should().Contain("partially scanned");
        partial.CreatedAt.Should().Be(before.CreatedAt, "first raised three days ago");
        AsffFormat.ParseTimestamp(partial.UpdatedAt).Should().BeAfter(AsffFormat.ParseTimestamp(before.UpdatedAt)!.Value);

        var otherGaps = ScanHealth.AccountPartiallyScanned(Target, "sandbox", [.. Gaps, new(DataSource.Ec2, "eu-west-1", "DescribeInstances", "Throttling", "x")], Scanner, Home);
        AccountScanHealth.Plan(Mapper, otherGaps, Stored(Partial, TimeSpan.FromDays(1)), Home, Now).Should().NotBeNull("what could not be read changed");

        var resolved = AccountScanHealth.Plan(Mapper, Whole, before, Home, Now)!;
        resolved.RecordState.Should().Be("ARCHIVED");
        resolved.Compliance!.Status.Should().Be("PASSED");
        resolved.CreatedAt.Should().Be(before.CreatedAt);
        resolved.ProductFields![ScannerProduct.Fields.Resolution].Should().Be("passed");

        AccountScanHealth.Plan(Mapper, Unscannable, PreviousScanHealth.Clean(Target), Home, Now)!.RecordState.Should().Be("ACTIVE");
    }

    [Fact]
    public void An_unchanged_active_finding_is_refreshed_before_Security_Hub_would_delete_it()
    {
        var stale = Stored(Partial, AccountScanHealth.RefreshInterval);

        AccountScanHealth.Plan(Mapper, Partial, stale, Home, Now).Should().NotBeNull();
    }

    [Fact]
    public void Without_a_known_previous_state_the_health_is_written_as_found()
    {
        AccountScanHealth.Plan(Mapper, Whole, null, Home, Now)!.RecordState.Should().Be("ARCHIVED", "a PASSED import resolves whatever may be active, without a read");
        AccountScanHealth.Plan(Mapper, Partial, null, Home, Now)!.RecordState.Should().Be("ACTIVE");
    }

    [Fact]
    public void The_health_of_a_scan_is_its_error_else_its_gaps_else_scanned()
    {
        var account = new OrganizationAccount { Id = Target, Name = "sandbox" };

        AccountScanHealth.StateOf(AccountScanHealth.Of(account, [Unscannable], [], Scanner, Home)).Should().Be(ScanState.NotScanned);
        AccountScanHealth.StateOf(AccountScanHealth.Of(account, [], Gaps, Scanner, Home)).Should().Be(ScanState.PartiallyScanned);
        AccountScanHealth.StateOf(AccountScanHealth.Of(account, [], [], Scanner, Home)).Should().Be(ScanState.Scanned);
    }
}
