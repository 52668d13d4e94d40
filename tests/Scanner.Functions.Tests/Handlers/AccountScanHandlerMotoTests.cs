using System.Text.Json;
using Scanner.Aws.Publishing;
using Scanner.Core.Checks;
using Scanner.Demo;
using Scanner.Functions.Tests.Support;
using Scanner.Lambda.Configuration;
using Scanner.Lambda.Events;
using Scanner.Lambda.Handlers;

namespace Scanner.Functions.Tests.Handlers;

/// <summary>
/// The account scanner as composed for Lambda (FunctionComposition, settings from the environment) against moto:
/// SQS batches of the dispatcher's own jobs, partial batch failures, the publish reserve before the deadline, an
/// account that cannot be entered, and what the log says (and never says) about it all.
/// </summary>
[Collection(FunctionsMotoCollection.Name)]
public sealed class AccountScanHandlerMotoTests(MotoFixture moto) : FunctionsMotoTest(moto)
{
    [Fact]
    public async Task A_batch_of_dispatched_jobs_publishes_every_account_and_fails_only_the_malformed_record()
    {
        // Fan-out as deployed: the dispatcher fills a queue, and the batch is what SQS hands out from it.
        var messages = await DispatchWholeOrganizationAsync();
        messages.Should().HaveCount(9);
        const string Malformed = "malformed-record-1";
        var records = messages.Select(m => (m.MessageId, m.Body)).Append((Malformed, """{"accountId":"12345","requestedAt":"2025-01-07T12:00:00Z"}""")).ToList();
        using var recorder = new AwsProxy(Moto.Endpoint);
        var log = new CapturedLog();
        var scanner = await FunctionComposition.AccountScannerAsync(FunctionHarness.Settings(recorder.Endpoint, null, FunctionRole.AccountScanner), log.Log, FunctionHarness.Credentials);
        var started = DateTimeOffset.UtcNow;

        var response = await FunctionHarness.InvokeAsync(scanner, FunctionHarness.SqsEvent(records));

        response.Should().Be($$"""{"batchItemFailures":[{"itemIdentifier":"{{Malformed}}"}]}""", "only the malformed record goes back to the queue");

        // payments-prod's findings, read back as payments-prod: exactly the demo's failures there, imported by this run.
        var prod = Demo.AccountId("payments-prod");
        // The checks the demo policy runs (the handler runs with the default policy, which has every check).
        var demoChecks = Scanner.Core.Policy.PolicyLoader.Parse(DemoOrganization.PolicyYaml, "demo policy").EnabledChecks!;
        var active = (await FunctionHarness.ScannerFindingsAsync(Moto, prod))
            .Where(f => f.RecordState == "ACTIVE" && demoChecks.Contains(f.GeneratorId!, StringComparer.Ordinal)).ToList();
        active.Select(f => (f.GeneratorId, FunctionHarness.ResourceIdOf(f))).Should().BeEquivalentTo(
            ExpectedDemoFindings.Failed.Where(e => e.AccountName == "payments-prod")
                .Select(e => ((string?)e.CheckId, Demo.Resource(e.AccountName, e.ResourceName).Arn)));
        active.Should().OnlyContain(f => f.Compliance!.Status == "FAILED");
        log.WithMessage("account scanned").Should().Contain(l => l.GetProperty("account").GetString() == prod,
            "this invocation scanned and published it (an unchanged finding is not imported again, so LastObservedAt need not move)");
        _ = started;

        // Every account was scanned: none has an active "could not be scanned" finding in the scanner's account.
        // (The management account is scanned only in part on Moto, which has no iam:ListOrganizationsFeatures: its health
        // says so, as a partial scan, not as an account that could not be scanned.)
        var scannedAccounts = Demo.AccountIds.Values.Where(id => id != Demo.ManagementAccountId)
            .Select(ResourceTypes.AccountResourceId).ToHashSet(StringComparer.Ordinal);
        (await FunctionHarness.ScannerFindingsAsync(Moto, FunctionHarness.ScannerAccountId))
            .Where(f => f.GeneratorId == ScanHealth.AccountNotScannedDefinition.Id && scannedAccounts.Contains(FunctionHarness.ResourceIdOf(f)))
            .Should().OnlyContain(f => f.RecordState == "ARCHIVED" && f.Compliance!.Status == "PASSED");

        // One log line per account, with its account and duration; the bad record is logged with its message id.
        var scanned = log.WithMessage("account scanned");
        scanned.Select(l => l.GetProperty("account").GetString()).Should().BeEquivalentTo(Demo.AccountIds.Values);
        scanned.Should().OnlyContain(l => l.GetProperty("durationMs").ValueKind == JsonValueKind.Number && l.GetProperty("durationMs").GetInt64() >= 0);
        scanned.Should().OnlyContain(l => l.GetProperty("error").ValueKind == JsonValueKind.Null);
        log.WithMessage("scan job rejected").Should().ContainSingle()
            .Which.GetProperty("messageId").GetString().Should().Be(Malformed);

        recorder.IssuedSecrets.Should().NotBeEmpty("the scanner assumed the audit role in every account, so it was handed credentials");
        LogHasNoSecrets(log, recorder.IssuedSecrets);
    }

    [Fact]
    public async Task Jobs_received_too_close_to_the_deadline_are_all_returned_and_nothing_is_published()
    {
        string[] accounts = [Demo.AccountId("shared-services"), Demo.AccountId("network")];
        var messages = (await DispatchWholeOrganizationAsync())
            .Where(m => ScanJob.TryParse(m.Body, out var job, out _) && accounts.Contains(job.AccountId))
            .ToList();
        messages.Should().HaveCount(2);
        string[] watched = [.. accounts, FunctionHarness.ScannerAccountId];
        var before = await SnapshotAsync(watched);
        var log = new CapturedLog();
        var scanner = await FunctionComposition.AccountScannerAsync(FunctionHarness.Settings(Moto.Endpoint, null, FunctionRole.AccountScanner), log.Log, FunctionHarness.Credentials);
        var deadline = TimeSpan.FromSeconds(10);
        deadline.Should().BeLessThan(AccountScanHandler.PublishReserve);

        // The token is not cancelled: what stops the publish here is the reserve measured against the context's deadline.
        var response = await FunctionHarness.InvokeAsync(scanner, FunctionHarness.SqsEvent(messages.Select(m => (m.MessageId, m.Body))), deadline);

        var failures = JsonDocument.Parse(response).RootElement.GetProperty("batchItemFailures").EnumerateArray()
            .Select(f => f.GetProperty("itemIdentifier").GetString()).ToList();
        failures.Should().BeEquivalentTo(messages.Select(m => m.MessageId), "every job is delivered again, to a run with time to publish it");
        (await SnapshotAsync(watched)).Should().BeEquivalentTo(before, "no finding was imported, in the accounts or in the scanner's own");
        log.WithMessage("account scanned").Should().BeEmpty();
        log.WithMessage("not enough time left to publish; the job will be delivered again").Should().HaveCount(2);
    }

    [Fact]
    public async Task An_account_that_can_no_longer_be_entered_succeeds_with_an_ERROR_finding_in_the_scanners_own_account()
    {
        // The job says ACTIVE (the dispatcher read it so); by the time it is scanned the account is closed, and
        // AssumeRole into it is refused. The scanner does not read Organizations again: the refusal is the signal.
        var closedSince = Demo.AccountId("log-archive");
        using var proxy = new AwsProxy(Moto.Endpoint)
        {
            Fault = call => AwsFaults.IsAssumeRoleInto(call.Request, closedSince) ? ProxyFault.Answer(AwsFaults.AuditRoleDenied(closedSince)) : null,
        };
        var job = new ScanJob
        {
            AccountId = closedSince,
            AccountName = "log-archive",
            OuPath = [new ScanJobOrganizationalUnit(Demo.OrganizationalUnitIds["Security"], "Security")],
            AccountTags = FunctionsOrganization.DemoTags["log-archive"],
            RequestedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            Reason = "scheduled",
        };
        var log = new CapturedLog();
        var scanner = await FunctionComposition.AccountScannerAsync(FunctionHarness.Settings(proxy.Endpoint, null, FunctionRole.AccountScanner), log.Log, FunctionHarness.Credentials);
        var started = DateTimeOffset.UtcNow;

        var response = await FunctionHarness.InvokeAsync(scanner, FunctionHarness.SqsEvent([("m-closed", job.ToJson())]));

        response.Should().Be("""{"batchItemFailures":[]}""", "retrying cannot help: the record succeeds, and the problem is a finding");
        proxy.Faulted.Should().NotBeEmpty();
        var error = (await FunctionHarness.ScannerFindingsAsync(Moto, FunctionHarness.ScannerAccountId))
            .Should().ContainSingle(f => f.GeneratorId == ScanHealth.AccountNotScannedDefinition.Id
                && FunctionHarness.ResourceIdOf(f) == ResourceTypes.AccountResourceId(closedSince)).Subject;
        error.AwsAccountId.Should().Be(FunctionHarness.ScannerAccountId, "the scanner's account, read from the function ARN");
        error.RecordState.Should().Be("ACTIVE");
        error.Compliance!.Status.Should().Be("FAILED");
        FunctionHarness.ProductField(error, ScannerProduct.Fields.Status).Should().Be("ERROR");
        error.Title.Should().Contain(closedSince).And.Contain("could not be scanned");
        AsffFormat.ParseTimestamp(error.UpdatedAt).Should().BeOnOrAfter(started.AddSeconds(-1));

        var line = log.WithMessage("account scanned").Should().ContainSingle().Subject;
        line.GetProperty("account").GetString().Should().Be(closedSince);
        line.GetProperty("error").GetString().Should().Contain("could not be assumed");
        line.GetProperty("durationMs").ValueKind.Should().Be(JsonValueKind.Number);
        LogHasNoSecrets(log, issued: []);

        // Should the account come back (the role can be assumed again), its next scan resolves the ERROR finding.
        var again = await FunctionComposition.AccountScannerAsync(FunctionHarness.Settings(Moto.Endpoint, null, FunctionRole.AccountScanner), new CapturedLog().Log, FunctionHarness.Credentials);
        (await FunctionHarness.InvokeAsync(again, FunctionHarness.SqsEvent([("m-back", job.ToJson())]))).Should().Be("""{"batchItemFailures":[]}""");
        var resolved = (await FunctionHarness.ScannerFindingsAsync(Moto, FunctionHarness.ScannerAccountId)).Single(f => f.Id == error.Id);
        resolved.RecordState.Should().Be("ARCHIVED");
        resolved.Compliance!.Status.Should().Be("PASSED");
    }

    private async Task<List<Amazon.SQS.Model.Message>> DispatchWholeOrganizationAsync()
    {
        var queueUrl = await FunctionHarness.CreateQueueAsync(Sqs, "fanout");
        var dispatcher = await FunctionComposition.DispatcherAsync(
            FunctionHarness.Settings(Moto.Endpoint, queueUrl, FunctionRole.Dispatcher), new CapturedLog().Log, FunctionHarness.Credentials);
        await FunctionHarness.InvokeAsync(dispatcher, "{}");
        return await FunctionHarness.ReceiveAllAsync(Sqs, queueUrl);
    }

    private async Task<List<string>> SnapshotAsync(IEnumerable<string> accountIds)
    {
        var snapshot = new List<string>();
        foreach (var accountId in accountIds)
        {
            snapshot.AddRange((await FunctionHarness.ScannerFindingsAsync(Moto, accountId)).Select(FunctionHarness.Fingerprint));
        }

        return snapshot;
    }

    /// <summary>
    /// No credential in the log: none of the secret keys and session tokens the scanner was handed by AssumeRole (as
    /// recorded on the wire), and not the function's own secret access key ('testing' here) in any field.
    /// </summary>
    private static void LogHasNoSecrets(CapturedLog log, IReadOnlyCollection<string> issued)
    {
        var text = log.Text;
        text.Should().NotBeEmpty();
        foreach (var secret in issued)
        {
            text.Should().NotContain(secret);
        }

        log.StringValues.Should().NotContain(v => v.Contains(FunctionHarness.BaseSecretAccessKey, StringComparison.Ordinal));
        text.Should().NotContainAny("SecretAccessKey", "SessionToken", "X-Amz-Security-Token");
    }
}
