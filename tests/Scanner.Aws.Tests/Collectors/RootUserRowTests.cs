using Scanner.Aws.Collectors;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

namespace Scanner.Aws.Tests.Collectors;

/// <summary>
/// The root user's row of the credential report, in every variant that matters, read by the production parser and
/// judged by the root checks: a root user without credentials passes, one with any credential does not, and
/// not_supported is unknown, never "no password".
/// </summary>
public sealed class RootUserRowTests
{
    private const string Header =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
        + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
        + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
        + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    private const string Member = "111122223333";

    private static RootUser Row(string password, string key1 = "false", string cert1 = "false", string cert2 = "false")
    {
        var csv = Header + "\n"
            + $"<root_account>,arn:aws:iam::{Member}:root,2024-01-02T03:04:05+00:00,{password},N/A,not_supported,not_supported,false,"
            + $"{key1},{(key1 == "true" ? "2024-02-01T00:00:00+00:00" : "N/A")},N/A,N/A,N/A,"
            + "false,N/A,N/A,N/A,N/A,"
            + $"{cert1},N/A,{cert2},N/A\n";
        return IamCollector.Root(CredentialReport.ParseCsv(csv).Single(r => r.IsRoot));
    }

    private static AccountInventory Inventory(RootUser root, RootAccessManagement? setting = null) => new()
    {
        Account = new OrganizationAccount { Id = Member, Name = "payments-prod" },
        HomeRegion = "us-east-1",
        CollectedAt = new DateTimeOffset(2025, 6, 15, 0, 0, 0, TimeSpan.Zero),
        Root = root,
        RootAccessManagement = setting,
    };

    private static CheckResult Judge(ICheck check, RootUser root, RootAccessManagement? setting = null) =>
        check.Evaluate(Inventory(root, setting), new AccountPolicy()).Single();

    private static readonly RootAccessManagement On = new(RootCredentialsManagement: true, RootSessions: true);

    [Fact]
    public void No_credentials_at_all_passes_mfa_and_access_key_and_says_why()
    {
        var root = Row(password: "false");

        root.HasCredentials.Should().BeFalse();
        var mfa = Judge(new RootMfaCheck(), root);
        mfa.Status.Should().Be(CheckStatus.Passed);
        mfa.Title.Should().Be("The root user of account 111122223333 (payments-prod) has no credentials, so no MFA is needed");
        mfa.Description.Should().Contain("no password, no active access key and no active signing certificate");
        var key = Judge(new RootAccessKeyCheck(), root);
        key.Status.Should().Be(CheckStatus.Passed);
        key.Title.Should().Be("The root user of account 111122223333 (payments-prod) has no credentials at all");
        Judge(new RootAccessManagementCheck(), root, On).Status.Should().Be(CheckStatus.Passed);
    }

    [Fact]
    public void Password_only_fails_mfa_and_is_a_remaining_credential()
    {
        var root = Row(password: "true");

        root.PasswordEnabled.Should().BeTrue();
        root.HasCredentials.Should().BeTrue();
        Judge(new RootMfaCheck(), root).Status.Should().Be(CheckStatus.Failed);
        Judge(new RootAccessKeyCheck(), root).Status.Should().Be(CheckStatus.Passed);
        var remaining = Judge(new RootAccessManagementCheck(), root, On);
        remaining.Status.Should().Be(CheckStatus.Failed);
        remaining.Severity.Should().Be(Severity.High);
        remaining.Description.Should().Contain("still has a password.");
    }

    [Fact]
    public void Access_key_only_fails_both_checks()
    {
        var root = Row(password: "false", key1: "true");

        root.HasCredentials.Should().BeTrue();
        Judge(new RootMfaCheck(), root).Status.Should().Be(CheckStatus.Failed);
        Judge(new RootAccessKeyCheck(), root).Status.Should().Be(CheckStatus.Failed);
        Judge(new RootAccessManagementCheck(), root, On).Description.Should().Contain("still has an active access key.");
    }

    [Fact]
    public void Signing_certificate_only_is_a_credential()
    {
        var root = Row(password: "false", cert2: "true");

        root.SigningCertificate2Active.Should().BeTrue();
        root.HasCredentials.Should().BeTrue();
        Judge(new RootMfaCheck(), root).Status.Should().Be(CheckStatus.Failed);
        Judge(new RootAccessKeyCheck(), root).Status.Should().Be(CheckStatus.Passed);
        var remaining = Judge(new RootAccessManagementCheck(), root, On);
        remaining.Description.Should().Contain("still has an active signing certificate.");
        remaining.Details["ActiveSigningCertificates"].Should().Be("1");
    }

    [Fact]
    public void Not_supported_is_unknown_not_absent()
    {
        var root = Row(password: "not_supported");

        root.PasswordEnabled.Should().BeNull();
        root.HasCredentials.Should().BeNull();
        Judge(new RootMfaCheck(), root).Status.Should().Be(CheckStatus.Failed, "a password nobody can rule out still needs MFA");
        Judge(new RootAccessKeyCheck(), root).Title.Should().Be("The root user of account 111122223333 (payments-prod) has no active access keys");
        new RootAccessManagementCheck().Evaluate(Inventory(root, On), new AccountPolicy()).Should().BeEmpty();
    }

    [Fact]
    public void Without_the_organizations_setting_a_member_gets_no_root_access_result()
    {
        new RootAccessManagementCheck().Evaluate(Inventory(Row(password: "true")), new AccountPolicy()).Should().BeEmpty();
        new RootAccessManagementCheck().Evaluate(Inventory(Row(password: "true"), On with { RootSessions = false }), new AccountPolicy())
            .Should().BeEmpty("credentials are only a finding of their own once the organization manages root access centrally");
    }
}
