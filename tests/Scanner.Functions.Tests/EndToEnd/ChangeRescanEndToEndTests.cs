using Scanner.Aws.Publishing;
using Scanner.Aws.Services;
using Scanner.Demo;
using Scanner.Functions.Tests.Events;
using Scanner.Functions.Tests.Support;
using Scanner.Functions.Tests.Handlers;
using Scanner.Lambda.Configuration;
using Scanner.Lambda.Handlers;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// Continuous, not twice a day, end to end on moto with no scheduled scan: an IAM user with an access key is created
/// in a member account; CloudTrail's event for that call is forwarded to the dispatcher; the change queue lets it
/// through; the scanner runs the job; the finding is in that account's Security Hub, naming the event.
/// </summary>
[Collection(FunctionsMotoCollection.Name)]
public sealed class ChangeRescanEndToEndTests(MotoFixture moto)
{
    [Fact]
    public async Task A_new_user_with_a_key_is_in_the_accounts_Security_Hub_within_one_change_naming_who_created_the_key()
    {
        using var pipeline = await ChangePipeline.CreateAsync(moto, "e2e");
        var account = pipeline.Organization.Demo.AccountId("sandbox-1");
        var userName = $"ci-deployer-{Guid.NewGuid():N}"[..24];

        // Someone in the account creates a user and an access key for it (through the account's own credentials).
        using (var iam = moto.Client(IamApi.Service, credentials: await moto.AssumeAsync(account)))
        {
            await iam.SendAsync(SeedOperations.CreateUser, new CreateUserRequest(userName), CancellationToken.None);
            var key = (await iam.SendAsync(SeedOperations.CreateAccessKey, new UserRequest(userName), CancellationToken.None)).AccessKey;
            key.Status.Should().Be("Active");
        }

        // CloudTrail records the CreateAccessKey; the account's rule forwards it to the scanner's bus, which invokes the dispatcher.
        
        var changedAt = DateTimeOffset.UtcNow;
        await pipeline.ForwardAsync([ChangeEvents.InAccount(ChangeEvents.IamCreateAccessKey, account, eventId: "e2e-create-access-key",
            edit: n => n["detail"]!["requestParameters"]!["userName"] = userName)]);
        await pipeline.ReleaseChangesAsync();
        var jobs = await pipeline.ChangeScanJobsAsync();
        jobs.Should().ContainSingle();

        var log = new CapturedLog();
        var scanner = await FunctionComposition.AccountScannerAsync(FunctionHarness.Settings(moto.Endpoint, null, FunctionRole.AccountScanner), log.Log, FunctionHarness.Credentials);
        var response = await FunctionHarness.InvokeAsync(scanner, FunctionHarness.SqsEvent(jobs.Select(j => (j.Message.MessageId, j.Message.Body))));

        response.Should().Be("""{"batchItemFailures":[]}""");
        var findings = (await FunctionHarness.ScannerFindingsAsync(moto, account))
            .Where(f => f.RecordState == "ACTIVE" && FunctionHarness.ResourceIdOf(f).Contains($"user/{userName}", StringComparison.Ordinal))
            .ToList();
        findings.Select(f => f.GeneratorId).Should().BeEquivalentTo(["iam.local-user", "iam.access-key"], "the new user and its active key");
        foreach (var finding in findings)
        {
            finding.AwsAccountId.Should().Be(account);
            AsffFormat.ParseTimestamp(finding.CreatedAt).Should().BeOnOrAfter(changedAt.AddSeconds(-1), "raised by this rescan");
            FunctionHarness.ProductField(finding, ScannerProduct.Fields.TriggerEventName).Should().Be("CreateAccessKey");
            FunctionHarness.ProductField(finding, ScannerProduct.Fields.TriggerPrincipal).Should().Be($"arn:aws:iam::{account}:user/JaneDoe");
            FunctionHarness.ProductField(finding, ScannerProduct.Fields.TriggerEventTime).Should().Be("2026-12-06T21:40:14Z");
            FunctionHarness.ProductField(finding, ScannerProduct.Fields.TriggerEventId).Should().Be("e2e-create-access-key");
            FunctionHarness.ProductField(finding, ScannerProduct.Fields.Trigger).Should()
                .Be($"CreateAccessKey (iam.amazonaws.com) by arn:aws:iam::{account}:user/JaneDoe at 2026-12-06T21:40:14Z in us-east-1, CloudTrail event e2e-create-access-key");
        }

        // A finding of the account that this rescan merely found still failing does not claim the change.
        var older = (await FunctionHarness.ScannerFindingsAsync(moto, account))
            .Where(f => f.RecordState == "ACTIVE" && !FunctionHarness.ResourceIdOf(f).Contains($"user/{userName}", StringComparison.Ordinal)
                && AsffFormat.ParseTimestamp(f.CreatedAt) < changedAt.AddSeconds(-1))
            .ToList();
        older.Should().OnlyContain(f => FunctionHarness.ProductField(f, ScannerProduct.Fields.TriggerEventId) != "e2e-create-access-key");
        log.WithMessage("account scanned").Should().ContainSingle().Which.GetProperty("account").GetString().Should().Be(account);
    }
}
