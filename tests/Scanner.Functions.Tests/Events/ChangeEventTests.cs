using System.Text;
using System.Text.Json.Nodes;
using Scanner.Aws.Publishing;
using Scanner.Lambda.Events;

namespace Scanner.Functions.Tests.Events;

/// <summary>What the dispatcher reads from a CloudTrail API call an account forwarded, and from the change queue.</summary>
public sealed class ChangeEventTests
{
    private static DispatcherEvent Parse(string payload) => DispatcherEvent.Parse(Encoding.UTF8.GetBytes(payload));

    [Theory]
    [InlineData(ChangeEvents.IamCreateAccessKey, "444455556666", "CreateAccessKey", "iam.amazonaws.com", "arn:aws:iam::444455556666:user/JaneDoe", "2026-12-06T21:40:14Z", "us-east-1", "cEXAMPLE-127e-4632-980d-505a4EXAMPLE")]
    [InlineData(ChangeEvents.Ec2RunInstances, "111111111111", "RunInstances", "ec2.amazonaws.com", "arn:aws:sts::111111111111:assumed-role/JohnDoe/JohnRole1", "2026-12-06T20:21:45Z", "eu-west-1", "1917948f-3042-46ec-98e2-62865EXAMPLE")]
    [InlineData(ChangeEvents.LambdaCreateFunction, "999999999999", "CreateFunction20150331", "lambda.amazonaws.com", "arn:aws:iam::999999999999:user/myUserName", "2026-12-06T19:03:36Z", "us-east-1", "e92a3e85-8ecd-4d23-8074-843aabfe89bf")]
    [InlineData(ChangeEvents.CloudTrailStopLogging, "123456789012", "StopLogging", "cloudtrail.amazonaws.com", "arn:aws:iam::123456789012:root", "2026-12-06T18:55:00Z", "us-east-1", "a9dea4f9-8395-46c0-942c-f509c02c2b71")]
    public void A_watched_API_call_is_a_change_in_its_account_naming_who_did_what_and_when(
        string file, string account, string eventName, string eventSource, string principal, string eventTime, string region, string eventId)
    {
        var change = Parse(ChangeEvents.Read(file)).Should().BeOfType<DispatcherEvent.Change>().Subject;

        change.AccountId.Should().Be(account);
        change.Trigger.Should().Be(new ScanTrigger(eventName, eventSource, eventTime, principal, region, eventId));
        change.Trigger.Describe().Should().Contain(eventName).And.Contain(principal).And.Contain(eventTime);
    }

    [Fact]
    public void The_principal_is_never_its_access_key()
    {
        foreach (var file in new[] { ChangeEvents.IamCreateAccessKey, ChangeEvents.Ec2RunInstances, ChangeEvents.LambdaCreateFunction, ChangeEvents.CloudTrailStopLogging })
        {
            var change = (DispatcherEvent.Change)Parse(ChangeEvents.Read(file));
            change.Trigger.ToString().Should().NotContain("AKIA").And.NotContain("ASIA", file);
        }
    }

    [Fact]
    public void A_call_that_failed_changed_nothing_and_is_ignored()
    {
        var ignored = Parse(ChangeEvents.Read(ChangeEvents.IamCreateUserDenied)).Should().BeOfType<DispatcherEvent.Ignored>().Subject;

        ignored.Reason.Should().Contain("CreateUser").And.Contain("AccessDenied");
    }

    [Fact]
    public void A_call_the_scanner_does_not_watch_is_ignored()
    {
        var payload = ChangeEvents.InAccount(ChangeEvents.IamCreateAccessKey, "444455556666", edit: n => n["detail"]!["eventName"] = "ListUsers");

        Parse(payload).Should().BeOfType<DispatcherEvent.Ignored>().Which.Reason.Should().Contain("ListUsers").And.Contain("not a change the scanner watches");
    }

    [Theory]
    [InlineData("detail-is-a-string", "has no detail object")]
    [InlineData("no-detail", "has no detail object")]
    [InlineData("detail-eventName-is-a-number", "is malformed: detail.eventName")]
    [InlineData("account-is-not-an-account", "is not a 12-digit account id")]
    public void An_API_call_of_unknown_shape_is_dropped_not_rejected(string shape, string expected)
    {
        var payload = ChangeEvents.InAccount(ChangeEvents.Ec2RunInstances, "111111111111", edit: n =>
        {
            switch (shape)
            {
                case "detail-is-a-string":
                    n["detail"] = "RunInstances";
                    break;
                case "no-detail":
                    n.AsObject().Remove("detail");
                    break;
                case "detail-eventName-is-a-number":
                    n["detail"]!["eventName"] = 42;
                    break;
                default:
                    n["account"] = "not-an-account";
                    break;
            }
        });

        Parse(payload).Should().BeOfType<DispatcherEvent.Dropped>().Which.Reason.Should().Contain(expected);
    }

    [Fact]
    public void Every_watched_call_is_recognized_and_nothing_else_of_its_service()
    {
        foreach (var service in WatchedChanges.Services)
        {
            foreach (var name in service.EventNames)
            {
                WatchedChanges.IsWatched(service.Source, service.EventSource, name).Should().BeTrue(name);
            }

            WatchedChanges.IsWatched(service.Source, service.EventSource, "DescribeAnything").Should().BeFalse();
            WatchedChanges.IsWatched("aws.other", service.EventSource, service.EventNames[0]).Should().BeFalse("the source must match too");
        }

        WatchedChanges.IsWatched("aws.lambda", "lambda.amazonaws.com", "CreateFunction").Should().BeFalse("Lambda's CloudTrail names carry the API version");
    }

    [Fact]
    public void A_batch_from_the_change_queue_gives_its_changes_and_names_the_unreadable_messages()
    {
        var trigger = new ScanTrigger("RunInstances", "ec2.amazonaws.com", "2026-12-06T20:21:45Z", "arn:aws:sts::111111111111:assumed-role/JohnDoe/JohnRole1", "eu-west-1", "1917948f");
        var good = new AccountChange { AccountId = "111111111111", Trigger = trigger }.ToJson();
        var records = new JsonArray(
            Record("m-good", good),
            Record("m-bad-account", """{"accountId":"1111","trigger":null}"""),
            Record("m-not-json", "RunInstances"),
            Record("m-half-trigger", """{"accountId":"111111111111","trigger":{"eventName":"RunInstances"}}"""),
            Record("m-no-trigger", """{"accountId":"111111111111"}"""));

        var batch = Parse(new JsonObject { ["Records"] = records }.ToJsonString()).Should().BeOfType<DispatcherEvent.DebouncedChanges>().Subject;

        batch.Changes.Should().ContainSingle().Which.Should().BeEquivalentTo(new AccountChange { AccountId = "111111111111", Trigger = trigger });
        batch.Unreadable.Should().HaveCount(4);
        batch.Unreadable[0].Should().StartWith("message m-bad-account: accountId: '1111'");
        batch.Unreadable[1].Should().StartWith("message m-not-json: body:");
        batch.Unreadable[2].Should().StartWith("message m-half-trigger: trigger.eventSource: is required");
        batch.Unreadable[3].Should().StartWith("message m-no-trigger: trigger: is required");
    }

    [Fact]
    public void An_SNS_event_is_still_refused()
    {
        const string Sns = """{"Records":[{"EventSource":"aws:sns","EventVersion":"1.0","Sns":{"Message":"{}"}}]}""";

        Parse(Sns).Should().BeOfType<DispatcherEvent.Invalid>().Which.Message.Should().Contain("not a batch from the change queue");
    }

    private static JsonObject Record(string messageId, string body) => new()
    {
        ["messageId"] = messageId,
        ["receiptHandle"] = $"AQEB{messageId}",
        ["body"] = body,
        ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1", ["MessageGroupId"] = "111111111111", ["MessageDeduplicationId"] = "111111111111" },
        ["messageAttributes"] = new JsonObject(),
        ["eventSource"] = "aws:sqs",
        ["eventSourceARN"] = "arn:aws:sqs:us-east-1:123456789012:org-compliance-scanner-ChangeQueue-abc.fifo",
        ["awsRegion"] = "us-east-1",
    };
}
