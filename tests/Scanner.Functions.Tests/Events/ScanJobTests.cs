using System.Text.Json;
using Scanner.Core.Inventory;
using Scanner.Lambda.Events;

namespace Scanner.Functions.Tests.Events;

public sealed class ScanJobTests
{
    private const string Complete = """
        {
          "accountId": "012345678901",
          "accountName": "payments-prod",
          "ouPath": [{"id": "ou-ab12-11111111", "name": "Workloads"}, {"id": "ou-ab12-22222222", "name": "Prod"}],
          "accountTags": {"owner": "payments", "cost-center": "cc-42"},
          "isManagementAccount": false,
          "requestedAt": "2025-01-07T12:00:00Z",
          "reason": "scheduled"
        }
        """;

    [Fact]
    public void A_complete_job_is_read()
    {
        ScanJob.TryParse(Complete, out var job, out var error).Should().BeTrue(error);

        job!.AccountId.Should().Be("012345678901");
        job.AccountName.Should().Be("payments-prod");
        job.OuPath.Should().Equal(new ScanJobOrganizationalUnit("ou-ab12-11111111", "Workloads"), new ScanJobOrganizationalUnit("ou-ab12-22222222", "Prod"));
        job.AccountTags.Should().Contain("owner", "payments").And.Contain("cost-center", "cc-42");
        job.IsManagementAccount.Should().BeFalse();
        job.RequestedAt.Should().Be(new DateTimeOffset(2025, 1, 7, 12, 0, 0, TimeSpan.Zero));
        job.Reason.Should().Be("scheduled");
    }

    [Fact]
    public void A_minimal_job_needs_only_the_account_and_the_time()
    {
        ScanJob.TryParse("""{"accountId":"123456789012","requestedAt":"2025-01-07T12:00:00+01:00"}""", out var job, out var error).Should().BeTrue(error);

        job!.OuPath.Should().BeEmpty();
        job.AccountTags.Should().BeEmpty();
        job.AccountName.Should().BeEmpty();
    }

    [Fact]
    public void A_job_survives_a_round_trip_through_its_JSON()
    {
        var account = new OrganizationAccount
        {
            Id = "123456789012",
            Name = "security",
            IsManagementAccount = true,
            OuPath = [new OrganizationalUnit("ou-ab12-33333333", "Security")],
            Tags = new Dictionary<string, string> { ["owner"] = "secops" },
        };
        var sent = ScanJob.FromAccount(account, new DateTimeOffset(2025, 1, 7, 12, 0, 0, TimeSpan.Zero), "account created");

        ScanJob.TryParse(sent.ToJson(), out var received, out var error).Should().BeTrue(error);

        received.Should().BeEquivalentTo(sent);
        received!.ToAccount().Should().BeEquivalentTo(account, options => options.Excluding(a => a.Email).Excluding(a => a.Status));
    }

    [Fact]
    public void The_wire_names_are_camel_case()
    {
        var json = new ScanJob { AccountId = "123456789012", RequestedAt = DateTimeOffset.UnixEpoch.AddDays(1), IsManagementAccount = true }.ToJson();

        using var document = JsonDocument.Parse(json);
        document.RootElement.EnumerateObject().Select(p => p.Name).Should()
            .BeEquivalentTo("accountId", "accountName", "ouPath", "accountTags", "isManagementAccount", "requestedAt", "reason");
    }

    [Theory]
    [InlineData("""{"requestedAt":"2025-01-07T12:00:00Z"}""", "accountId: is required")]
    [InlineData("""{"accountId":"1234","requestedAt":"2025-01-07T12:00:00Z"}""", "accountId: '1234' is not a 12-digit account id")]
    [InlineData("""{"accountId":123456789012,"requestedAt":"2025-01-07T12:00:00Z"}""", "accountId: ")]
    [InlineData("""{"accountId":"123456789012"}""", "requestedAt: is required")]
    [InlineData("""{"accountId":"123456789012","requestedAt":"yesterday"}""", "requestedAt: ")]
    [InlineData("""{"accountId":"123456789012","requestedAt":"2025-01-07T12:00:00Z","ouPath":[{"id":"r-ab12","name":"Root"}]}""", "ouPath[0].id: 'r-ab12' is not an OU id")]
    [InlineData("""{"accountId":"123456789012","requestedAt":"2025-01-07T12:00:00Z","ouPath":[{"id":"ou-ab12-11111111"}]}""", "ouPath[0].name: is required")]
    [InlineData("""{"accountId":"123456789012","requestedAt":"2025-01-07T12:00:00Z","ouPath":"Workloads"}""", "ouPath: ")]
    [InlineData("""{"accountId":"123456789012","requestedAt":"2025-01-07T12:00:00Z","accountTags":{"owner":null}}""", "accountTags['owner']: must be a string")]
    [InlineData("""{"accountId":"123456789012","requestedAt":"2025-01-07T12:00:00Z","isManagementAccount":"yes"}""", "isManagementAccount: ")]
    [InlineData("not json", "body: ")]
    [InlineData("", "body: is empty")]
    [InlineData("null", "body: is JSON null")]
    public void A_bad_job_is_rejected_with_the_field_named(string body, string expected)
    {
        ScanJob.TryParse(body, out var job, out var error).Should().BeFalse();

        job.Should().BeNull();
        error.Should().StartWith(expected);
    }
}
