using System.Text.Json;
using Scanner.Functions.Tests.Events;
using Scanner.Functions.Tests.Support;
using Scanner.Lambda.Configuration;
using Scanner.Lambda.Events;
using Scanner.Lambda.Handlers;

namespace Scanner.Functions.Tests.Handlers;

/// <summary>
/// The dispatcher as composed for Lambda (FunctionComposition, settings from the environment) against moto's
/// Organizations and SQS: each kind of event puts exactly the right scan jobs on a real queue, read back and parsed
/// the way the account scanner reads them.
/// </summary>
[Collection(FunctionsMotoCollection.Name)]
public sealed class DispatchHandlerMotoTests(MotoFixture moto) : FunctionsMotoTest(moto)
{
    [Fact]
    public async Task A_scheduled_event_enqueues_one_job_per_active_account_with_its_OU_path_and_tags()
    {
        var before = DateTimeOffset.UtcNow;
        var dispatch = await DispatchAsync(SampleEvents.Scheduled, "scheduled");
        var after = DateTimeOffset.UtcNow;

        dispatch.Response.GetProperty("enqueued").GetInt32().Should().Be(9);
        dispatch.Response.GetProperty("skipped").GetArrayLength().Should().Be(0);
        var reason = dispatch.Response.GetProperty("reason").GetString();
        reason.Should().Contain("scheduled");

        dispatch.Jobs.Select(j => j.AccountId).Should().BeEquivalentTo(Demo.AccountIds.Values, "one job per ACTIVE account, each once")
            .And.NotContain(Organization.ClosedAccountId, "a SUSPENDED account is not scanned");
        foreach (var job in dispatch.Jobs)
        {
            var name = Demo.AccountName(job.AccountId);
            job.AccountName.Should().Be(name == "management" ? "master" : name, "Moto names the management account 'master'");
            job.IsManagementAccount.Should().Be(name == "management");
            job.OuPath.Should().Equal(
                FunctionsOrganization.DemoOuPaths[name].Select(path => new ScanJobOrganizationalUnit(Demo.OrganizationalUnitIds[path], path[(path.LastIndexOf('/') + 1)..])),
                $"{name}'s OU path from the root");
            job.AccountTags.Should().BeEquivalentTo(FunctionsOrganization.DemoTags[name], $"{name}'s tags");
            job.Reason.Should().Be(reason);
            job.RequestedAt.Should().BeOnOrAfter(before.AddSeconds(-1)).And.BeOnOrBefore(after.AddSeconds(1));
        }

        (await FunctionHarness.QueueDepthAsync(Sqs, dispatch.QueueUrl)).Should().Be((0, 9), "nothing but the nine jobs was sent");
        dispatch.Log.WithMessage("scan jobs enqueued").Should().ContainSingle()
            .Which.GetProperty("count").GetInt32().Should().Be(9, "a count is a JSON number, for Logs Insights and metric filters");
    }

    [Fact]
    public async Task A_CreateAccountResult_that_succeeded_enqueues_exactly_the_new_account()
    {
        var created = Demo.AccountId("sandbox-1");

        var dispatch = await DispatchAsync(SampleEvents.CreateAccountResult("SUCCEEDED", created), "created");

        dispatch.Response.GetProperty("enqueued").GetInt32().Should().Be(1);
        var job = dispatch.Jobs.Should().ContainSingle().Subject;
        job.AccountId.Should().Be(created);
        job.AccountName.Should().Be("sandbox-1");
        job.OuPath.Should().Equal(new ScanJobOrganizationalUnit(Demo.OrganizationalUnitIds["Sandbox"], "Sandbox"));
        job.AccountTags.Should().BeEquivalentTo(FunctionsOrganization.DemoTags["sandbox-1"]);
        job.Reason.Should().Contain(created).And.Contain("CreateAccountResult");
        (await FunctionHarness.QueueDepthAsync(Sqs, dispatch.QueueUrl)).Should().Be((0, 1));
    }

    [Fact]
    public async Task A_CreateAccountResult_that_failed_enqueues_nothing()
    {
        var dispatch = await DispatchAsync(SampleEvents.CreateAccountResult("FAILED", accountId: null, failureReason: "EMAIL_ALREADY_EXISTS"), "failed");

        dispatch.Response.GetProperty("enqueued").GetInt32().Should().Be(0);
        dispatch.Response.GetProperty("reason").GetString().Should().Contain("FAILED").And.Contain("EMAIL_ALREADY_EXISTS");
        dispatch.Jobs.Should().BeEmpty();
        (await FunctionHarness.QueueDepthAsync(Sqs, dispatch.QueueUrl)).Should().Be((0, 0));
        dispatch.Log.WithMessage("event ignored").Should().ContainSingle();
    }

    [Fact]
    public async Task A_direct_request_enqueues_the_accounts_named_and_reports_those_it_skipped()
    {
        var prod = Demo.AccountId("payments-prod");
        const string Unknown = "999999999999";
        var closed = Organization.ClosedAccountId;

        var dispatch = await DispatchAsync($$"""{"accountIds": ["{{prod}}", "{{Unknown}}", "{{closed}}"]}""", "direct");

        dispatch.Response.GetProperty("enqueued").GetInt32().Should().Be(1);
        dispatch.Jobs.Should().ContainSingle().Which.AccountId.Should().Be(prod);
        var skipped = dispatch.Response.GetProperty("skipped").EnumerateArray().Select(s => s.GetString()!).ToList();
        skipped.Should().HaveCount(2);
        skipped.Should().ContainSingle(s => s.StartsWith($"{Unknown}: not an account of organization {Demo.OrganizationId}", StringComparison.Ordinal));
        skipped.Should().ContainSingle(s => s.StartsWith($"{closed}: SUSPENDED", StringComparison.Ordinal));
        dispatch.Log.WithMessage("account not dispatched").Should().HaveCount(2);
        (await FunctionHarness.QueueDepthAsync(Sqs, dispatch.QueueUrl)).Should().Be((0, 1));
    }

    [Fact]
    public async Task A_direct_request_for_one_account_enqueues_it()
    {
        var network = Demo.AccountId("network");

        var dispatch = await DispatchAsync($$"""{"accountIds": ["{{network}}"]}""", "one");

        dispatch.Response.GetProperty("enqueued").GetInt32().Should().Be(1);
        dispatch.Response.GetProperty("skipped").GetArrayLength().Should().Be(0);
        dispatch.Jobs.Should().ContainSingle().Which.AccountTags.Should().BeEquivalentTo(FunctionsOrganization.DemoTags["network"]);
    }

    [Fact]
    public async Task An_empty_request_enqueues_the_wholeOrganization()
    {
        var dispatch = await DispatchAsync("{}", "whole");

        dispatch.Response.GetProperty("enqueued").GetInt32().Should().Be(9);
        dispatch.Response.GetProperty("reason").GetString().Should().Be("direct invocation");
        dispatch.Jobs.Select(j => j.AccountId).Should().BeEquivalentTo(Demo.AccountIds.Values);
        dispatch.Jobs.Should().ContainSingle(j => j.IsManagementAccount).Which.AccountId.Should().Be(Demo.ManagementAccountId);
        (await FunctionHarness.QueueDepthAsync(Sqs, dispatch.QueueUrl)).Should().Be((0, 9));
    }

    private async Task<Dispatch> DispatchAsync(string payload, string purpose)
    {
        var queueUrl = await FunctionHarness.CreateQueueAsync(Sqs, purpose);
        var log = new CapturedLog();
        var handler = await FunctionComposition.DispatcherAsync(
            FunctionHarness.Settings(Moto.Endpoint, queueUrl, FunctionRole.Dispatcher), log.Log, FunctionHarness.Credentials);

        var response = await FunctionHarness.InvokeAsync(handler, payload);

        var jobs = new List<ScanJob>();
        foreach (var message in await FunctionHarness.ReceiveAllAsync(Sqs, queueUrl))
        {
            ScanJob.TryParse(message.Body, out var job, out var error).Should().BeTrue($"every message is a valid scan job ({error}): {message.Body}");
            jobs.Add(job!);
        }

        return new Dispatch(queueUrl, JsonDocument.Parse(response).RootElement.Clone(), jobs, log);
    }

    private sealed record Dispatch(string QueueUrl, JsonElement Response, IReadOnlyList<ScanJob> Jobs, CapturedLog Log);
}
