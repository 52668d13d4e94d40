using Scanner.Functions.Tests.Events;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.Handlers;

/// <summary>
/// Changes forwarded by the accounts, through the dispatcher and the FIFO change queue on moto: one job for the right
/// account, one job for a burst, nothing for accounts outside the organization or suspended, nothing for shapes the
/// dispatcher does not know; and the scheduled scan queue never touched.
/// </summary>
[Collection(FunctionsMotoCollection.Name)]
public sealed class ChangeDispatchMotoTests(MotoFixture moto)
{
    [Theory]
    [InlineData(ChangeEvents.IamCreateAccessKey, "payments-dev", "CreateAccessKey")]
    [InlineData(ChangeEvents.Ec2RunInstances, "payments-prod", "RunInstances")]
    [InlineData(ChangeEvents.LambdaCreateFunction, "sandbox-1", "CreateFunction20150331")]
    [InlineData(ChangeEvents.CloudTrailStopLogging, "management", "StopLogging")]
    public async Task A_change_becomes_one_scan_job_for_its_account_naming_the_change(string file, string accountName, string eventName)
    {
        using var pipeline = await ChangePipeline.CreateAsync(moto, "one");
        var account = pipeline.Organization.Demo.AccountId(accountName);

        var forwarded = await pipeline.ForwardAsync([ChangeEvents.InAccount(file, account)]);
        var (changes, response) = await pipeline.ReleaseChangesAsync();
        var jobs = await pipeline.ChangeScanJobsAsync();

        forwarded.Should().ContainSingle().Which.GetProperty("reason").GetString().Should().Contain(eventName).And.Contain(account);
        changes.Should().ContainSingle();
        response.GetProperty("enqueued").GetInt32().Should().Be(1);
        var job = jobs.Should().ContainSingle().Subject.Job;
        job.AccountId.Should().Be(account);
        job.IsManagementAccount.Should().Be(accountName == "management");
        job.AccountTags.Should().BeEquivalentTo(FunctionsOrganization.DemoTags[accountName], "the job is made from the organization, as a scheduled one");
        job.Trigger.Should().NotBeNull();
        job.Trigger!.EventName.Should().Be(eventName);
        job.Trigger.Principal.Should().Contain($"::{account}:", "the principal of the recorded call, in its account");
        job.Reason.Should().Contain(eventName);
        (await pipeline.DepthAsync(pipeline.ScanQueueUrl)).Should().Be((0, 0), "a change never goes on the scheduled scan's queue");
        pipeline.Log.WithMessage("change queued").Should().ContainSingle().Which.GetProperty("account").GetString().Should().Be(account);
    }

    [Fact]
    public async Task A_burst_of_fifty_changes_in_one_account_is_one_job_and_another_accounts_change_is_its_own()
    {
        using var pipeline = await ChangePipeline.CreateAsync(moto, "burst");
        var busy = pipeline.Organization.Demo.AccountId("payments-dev");
        var quiet = pipeline.Organization.Demo.AccountId("network");
        var burst = Enumerable.Range(1, 50)
            .Select(i => ChangeEvents.InAccount(ChangeEvents.Ec2RunInstances, busy, eventId: $"terraform-apply-{i:00}"))
            .Append(ChangeEvents.InAccount(ChangeEvents.IamCreateAccessKey, quiet, eventId: "other-account-1"))
            .ToList();

        var forwarded = await pipeline.ForwardAsync(burst);
        var (changes, response) = await pipeline.ReleaseChangesAsync();
        var jobs = await pipeline.ChangeScanJobsAsync();

        forwarded.Should().HaveCount(51, "every event was accepted: none failed its invocation");
        changes.Should().HaveCount(2, "the change queue kept the first change of each account's window");
        response.GetProperty("enqueued").GetInt32().Should().Be(2);
        jobs.Select(j => j.Job.AccountId).Should().BeEquivalentTo([busy, quiet]);
        jobs.Single(j => j.Job.AccountId == busy).Job.Trigger!.EventId.Should().Be("terraform-apply-01", "the job names the change that opened the window");
        (await pipeline.DepthAsync(pipeline.ScanQueueUrl)).Should().Be((0, 0));
    }

    [Fact]
    public async Task Changes_from_outside_the_organization_or_from_a_suspended_account_are_logged_and_dropped()
    {
        const string Stranger = "999999999999";
        using var pipeline = await ChangePipeline.CreateAsync(moto, "strangers");
        var closed = pipeline.Organization.ClosedAccountId;
        var member = pipeline.Organization.Demo.AccountId("shared-services");

        await pipeline.ForwardAsync([
            ChangeEvents.InAccount(ChangeEvents.LambdaCreateFunction, Stranger),
            ChangeEvents.InAccount(ChangeEvents.Ec2RunInstances, closed),
            ChangeEvents.InAccount(ChangeEvents.IamCreateAccessKey, member),
        ]);
        var (changes, response) = await pipeline.ReleaseChangesAsync();
        var jobs = await pipeline.ChangeScanJobsAsync();

        changes.Should().HaveCount(3, "membership is decided with one organization read per batch, not per event");
        response.GetProperty("enqueued").GetInt32().Should().Be(1, "the batch succeeds for the account that belongs");
        jobs.Should().ContainSingle().Which.Job.AccountId.Should().Be(member);
        var skipped = response.GetProperty("skipped").EnumerateArray().Select(s => s.GetString()!).ToList();
        skipped.Should().HaveCount(2);
        skipped.Should().ContainSingle(s => s.StartsWith($"{Stranger}: not an account of organization {pipeline.Organization.Demo.OrganizationId}", StringComparison.Ordinal));
        skipped.Should().ContainSingle(s => s.StartsWith($"{closed}: SUSPENDED", StringComparison.Ordinal));
        pipeline.Log.WithMessage("account not dispatched").Should().HaveCount(2);
    }

    [Fact]
    public async Task Events_of_unknown_shape_are_logged_and_dropped_without_failing()
    {
        using var pipeline = await ChangePipeline.CreateAsync(moto, "unknown");
        var member = pipeline.Organization.Demo.AccountId("sandbox-1");
        string[] events =
        [
            ChangeEvents.InAccount(ChangeEvents.Ec2RunInstances, member, edit: n => n["detail"] = "RunInstances"),
            ChangeEvents.InAccount(ChangeEvents.Ec2RunInstances, member, edit: n => n["account"] = "sandbox"),
            ChangeEvents.InAccount(ChangeEvents.IamCreateUserDenied, member),
        ];

        var responses = await pipeline.ForwardAsync(events);

        responses.Should().OnlyContain(r => r.GetProperty("enqueued").GetInt32() == 0);
        var dropped = pipeline.Log.WithMessage("event dropped");
        dropped.Should().HaveCount(2);
        dropped[0].GetProperty("reason").GetString().Should().Contain("has no detail object");
        dropped[1].GetProperty("reason").GetString().Should().Contain("'sandbox' is not a 12-digit account id");
        pipeline.Log.WithMessage("event ignored").Should().ContainSingle().Which.GetProperty("reason").GetString().Should().Contain("AccessDenied");
        (await pipeline.DepthAsync(pipeline.ChangeQueueUrl)).Should().Be((0, 0));
    }
}
