using System.Text;
using Scanner.Lambda.Events;

namespace Scanner.Functions.Tests.Events;

public sealed class DispatcherEventTests
{
    private static DispatcherEvent Parse(string json) => DispatcherEvent.Parse(Encoding.UTF8.GetBytes(json));

    private static string InvalidMessage(string json) =>
        Parse(json).Should().BeOfType<DispatcherEvent.Invalid>().Which.Message;

    [Fact]
    public void A_scheduled_event_scans_the_whole_organization()
    {
        var request = Parse(SampleEvents.Scheduled);

        request.Should().BeOfType<DispatcherEvent.WholeOrganization>()
            .Which.Reason.Should().Contain("rule/org-compliance-scanner-DispatcherFunctionSchedule-ABC");
    }

    [Fact]
    public void A_succeeded_CreateAccountResult_scans_the_new_account()
    {
        var request = Parse(SampleEvents.CreateAccountResult("SUCCEEDED"));

        var accounts = request.Should().BeOfType<DispatcherEvent.Accounts>().Which;
        accounts.AccountIds.Should().Equal("210987654321");
        accounts.Reason.Should().Contain("CreateAccountResult");
    }

    [Theory]
    [InlineData("FAILED")]
    [InlineData("IN_PROGRESS")]
    public void A_CreateAccountResult_that_did_not_succeed_is_ignored(string state)
    {
        var request = Parse(SampleEvents.CreateAccountResult(state, accountId: null, failureReason: state == "FAILED" ? "EMAIL_ALREADY_EXISTS" : null));

        var ignored = request.Should().BeOfType<DispatcherEvent.Ignored>().Which;
        ignored.Reason.Should().Contain(state);
        if (state == "FAILED")
        {
            ignored.Reason.Should().Contain("EMAIL_ALREADY_EXISTS");
        }
    }

    [Fact]
    public void A_succeeded_CreateAccountResult_without_a_valid_account_id_is_invalid()
    {
        InvalidMessage(SampleEvents.CreateAccountResult("SUCCEEDED", accountId: "12345"))
            .Should().Be("detail.serviceEventDetails.createAccountStatus.accountId: '12345' is not a 12-digit account id");
    }

    [Fact]
    public void A_CreateAccountResult_without_its_status_is_invalid()
    {
        const string Event = """
            {"version":"0","id":"x","detail-type":"AWS Service Event via CloudTrail","source":"aws.organizations",
             "account":"123456789012","time":"2025-01-07T19:55:18Z","region":"us-east-1","resources":[],
             "detail":{"eventName":"CreateAccountResult","serviceEventDetails":{}}}
            """;

        InvalidMessage(Event).Should().StartWith("detail.serviceEventDetails.createAccountStatus: is required");
    }

    [Fact]
    public void A_succeeded_Control_Tower_CreateManagedAccount_scans_the_new_account()
    {
        var request = Parse(SampleEvents.CreateManagedAccount("SUCCEEDED"));

        var accounts = request.Should().BeOfType<DispatcherEvent.Accounts>().Which;
        accounts.AccountIds.Should().Equal("345678901234");
        accounts.Reason.Should().Contain("Control Tower").And.Contain("Sandbox");
    }

    [Fact]
    public void A_failed_Control_Tower_CreateManagedAccount_is_ignored()
    {
        Parse(SampleEvents.CreateManagedAccount("FAILED")).Should().BeOfType<DispatcherEvent.Ignored>()
            .Which.Reason.Should().Contain("FAILED");
    }

    [Fact]
    public void A_Control_Tower_event_with_a_bad_account_id_is_invalid()
    {
        InvalidMessage(SampleEvents.CreateManagedAccount("SUCCEEDED", accountId: "abc"))
            .Should().Be("detail.serviceEventDetails.createManagedAccountStatus.account.accountId: 'abc' is not a 12-digit account id");
    }

    [Fact]
    public void Other_CloudTrail_events_from_Organizations_are_ignored()
    {
        var other = SampleEvents.CreateAccountResult("SUCCEEDED").Replace("\"eventName\": \"CreateAccountResult\"", "\"eventName\": \"MoveAccount\"", StringComparison.Ordinal);

        Parse(other).Should().BeOfType<DispatcherEvent.Ignored>().Which.Reason.Should().Contain("MoveAccount");
    }

    [Fact]
    public void EventBridge_events_from_other_sources_are_ignored()
    {
        var other = SampleEvents.Scheduled.Replace("\"aws.events\"", "\"aws.ec2\"", StringComparison.Ordinal)
            .Replace("Scheduled Event", "EC2 Instance State-change Notification", StringComparison.Ordinal);

        Parse(other).Should().BeOfType<DispatcherEvent.Ignored>().Which.Reason.Should().Contain("aws.ec2");
    }

    [Fact]
    public void A_malformed_EventBridge_envelope_is_invalid_and_names_the_field()
    {
        var message = InvalidMessage("""{"detail-type":"Scheduled Event","source":"aws.events","resources":"not-a-list"}""");

        message.Should().Contain("resources");
    }

    [Fact]
    public void An_empty_object_scans_the_whole_organization()
    {
        Parse("{}").Should().BeOfType<DispatcherEvent.WholeOrganization>().Which.Reason.Should().Be("direct invocation");
    }

    [Fact]
    public void A_list_of_account_ids_scans_those_accounts_once_each_with_the_given_reason()
    {
        var request = Parse("""{"accountIds": ["123456789012", "012345678901", "123456789012"], "reason": "after remediation"}""");

        var accounts = request.Should().BeOfType<DispatcherEvent.Accounts>().Which;
        accounts.AccountIds.Should().Equal("123456789012", "012345678901");
        accounts.Reason.Should().Be("after remediation");
    }

    [Theory]
    [InlineData("""{"accountIds": ["123456789012", "210987654321", "1234"]}""", "accountIds[2]: '1234' is not a 12-digit account id")]
    [InlineData("""{"accountIds": ["12345678901a"]}""", "accountIds[0]: '12345678901a' is not a 12-digit account id")]
    [InlineData("""{"accountIds": ["1234567890123"]}""", "accountIds[0]: '1234567890123' is not a 12-digit account id")]
    [InlineData("""{"accountIds": [123456789012]}""", "accountIds[0]: must be a string of 12 digits, got a number 123456789012")]
    [InlineData("""{"accountIds": "123456789012"}""", "accountIds: must be an array of 12-digit account id strings, got a string")]
    [InlineData("""{"accountIds": null}""", "accountIds: must be an array of 12-digit account id strings, got a null")]
    [InlineData("""{"accountIds": []}""", "accountIds: is empty")]
    [InlineData("""{"reason": 5}""", "reason: must be a string, got a number")]
    public void A_bad_direct_invocation_is_invalid_and_names_the_field(string json, string expected)
    {
        InvalidMessage(json).Should().StartWith(expected);
    }

    [Theory]
    [InlineData("""{"accountId": "123456789012"}""", "accountId: is not a property the dispatcher knows")]
    [InlineData("""{"Records": []}""", "the payload is an SQS or SNS event")]
    [InlineData("[]", "the payload is a JSON array")]
    [InlineData("\"scan\"", "the payload is a JSON string")]
    [InlineData("null", "the payload is a JSON null")]
    [InlineData("", "the payload is empty")]
    [InlineData("  \n", "the payload is empty")]
    public void An_unknown_shape_is_invalid_with_what_was_expected(string json, string expected)
    {
        var message = InvalidMessage(json);

        message.Should().StartWith(expected);
        message.Should().Contain("expected");
    }

    [Theory]
    [InlineData("{\"accountIds\": [")]
    [InlineData("{not json}")]
    [InlineData("{} trailing")]
    [InlineData("\u00ff\u00fe")]
    public void Malformed_JSON_is_invalid_and_never_throws(string json)
    {
        InvalidMessage(json).Should().StartWith("the payload is not valid JSON");
    }
}
