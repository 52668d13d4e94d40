using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Scanner.Aws.Policy;
using Scanner.Aws.Sessions;
using Scanner.Commands;
using Scanner.Core.Policy;
using Scanner.Demo;
using Scanner.Functions.Tests.EndToEnd;
using Scanner.Functions.Tests.Support;
using Scanner.Lambda.Configuration;
using Scanner.Lambda.Events;
using Scanner.Lambda.Handlers;

namespace Scanner.Functions.Tests.Handlers;

/// <summary>
/// The deployed functions and the CLI apply one policy document, read from S3 (moto's) with the same loader: the
/// same Security Hub state from either path, a replaced object applied at the next invocation of a warm function,
/// a bad document refused before anything is scanned, and a rescan of an unchanged organization that costs the
/// scanner's own Security Hub no call per account.
/// </summary>
[Collection(FunctionsMotoCollection.Name)]
public sealed class PolicyDocumentMotoTests(MotoFixture moto) : IAsyncLifetime
{
    private const string Bucket = "org-scanner-policy-tests";

    private FunctionsOrganization _organization = null!;
    private AmazonSQSClient _sqs = null!;
    private AmazonS3Client _s3 = null!;

    public async Task InitializeAsync()
    {
        _organization = await FunctionsOrganization.UseAsync(moto);
        _sqs = FunctionHarness.Sqs(moto.Endpoint);
        _s3 = S3PolicyDocument.Client(new AwsEnvironment { Region = FunctionHarness.Region, EndpointUrl = moto.Endpoint, Credentials = FunctionHarness.Credentials });
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
    }

    public Task DisposeAsync()
    {
        _sqs.Dispose();
        _s3.Dispose();
        return Task.CompletedTask;
    }

    private DemoOrganizationInfo Demo => _organization.Demo;

    /// <summary>
    /// The demo's policy plus an account override (network need not carry owner), a policy-file exemption (the CI user
    /// in shared-services) beside the demo's tag exemption (payments-dev's breakglass user), and its OU override (Sandbox).
    /// </summary>
    private string ParityPolicy =>
        $"""
        approvedRegions: [us-east-1, eu-west-1]
        requiredTags: [owner, cost-center]
        overrides:
          - ou: Sandbox
            removeRequiredTags: [cost-center]
          - account: "{Demo.AccountId("network")}"
            removeRequiredTags: [owner]
        exemptions:
          - check: iam.local-user
            account: "{Demo.AccountId("shared-services")}"
            resource: ci-deploy
            reason: CI user, replaced by an OIDC role next quarter
            until: 2099-12-31
        """;

    [Fact]
    public async Task The_functions_and_the_CLI_leave_identical_Security_Hub_state_from_one_policy_document()
    {
        var uri = await UploadAsync("parity/scan-policy.yaml", ParityPolicy);

        // 1. The functions' path: dispatcher -> queue -> account scanner, the policy read from S3.
        await RunFunctionsAsync(uri, moto.Endpoint);
        var afterFunctions = await StateAsync();

        // The document's overrides and exemptions are in force.
        var network = Demo.AccountId("network");
        afterFunctions.Should().NotContain(f => f.StartsWith($"{TagMissing}|{network}", StringComparison.Ordinal) && f.Contains("|ACTIVE|", StringComparison.Ordinal),
            "the account override lifts owner from network");
        afterFunctions.Should().Contain(f => f.Contains("ci-deploy", StringComparison.Ordinal) && f.Contains("|EXEMPTED|", StringComparison.Ordinal),
            "the policy-file exemption covers the CI user");
        afterFunctions.Should().Contain(f => f.Contains("breakglass", StringComparison.Ordinal) && f.Contains("|EXEMPTED|", StringComparison.Ordinal),
            "the tag exemption covers breakglass");

        // 2. The CLI's path, with the same object: nothing changes.
        var cli = await DemoCli.RunAsync(new ScanRequest
        {
            EndpointUrl = moto.Endpoint,
            Region = FunctionHarness.Region,
            AuditRole = FunctionHarness.AuditRoleName,
            PolicyFile = uri,
            Format = OutputFormat.Json,
            Publish = true,
        });
        cli.ExitCode.Should().Be(ScanRunner.ExitFindings, cli.ToString());
        cli.Stderr.Should().NotContain("error:");
        (await StateAsync()).Should().Equal(afterFunctions, "the CLI applied the same policy: " + cli.Stderr);

        // 3. The functions once more: nothing changes either.
        await RunFunctionsAsync(uri, moto.Endpoint);
        (await StateAsync()).Should().Equal(afterFunctions);
    }

    [Fact]
    public async Task A_rescan_of_an_unchanged_organization_makes_no_call_to_the_scanners_Security_Hub_per_account()
    {
        var uri = await UploadAsync("calls/scan-policy.yaml", ParityPolicy);
        await RunFunctionsAsync(uri, moto.Endpoint);

        using var dispatcherWire = new AwsProxy(moto.Endpoint);
        using var scannerWire = new AwsProxy(moto.Endpoint);
        var jobs = await DispatchAsync(uri, dispatcherWire.Endpoint);
        jobs.Should().HaveCount(9);
        var response = await FunctionHarness.InvokeAsync(await ScannerAsync(uri, scannerWire.Endpoint), FunctionHarness.SqsEvent(jobs.Select(m => (m.MessageId, m.Body))));
        response.Should().Be("""{"batchItemFailures":[]}""");

        // The scanner's own identity (the function's credentials, not an audit role) in Security Hub: the dispatcher's
        // one read of every account's health, and nothing from the scanner for any of the nine accounts.
        OwnSecurityHubCalls(dispatcherWire).Should().Equal(["POST /findings"], "one page of scan-health findings for the whole run");
        OwnSecurityHubCalls(scannerWire).Should().BeEmpty("no account's health changed, so none is read or written");
        scannerWire.Calls.Should().Contain(c => c.Service == "securityhub", "the accounts' own findings were still reconciled, through their audit roles");
    }

    [Fact]
    public async Task A_policy_object_replaced_in_S3_changes_the_next_invocation_of_the_warm_function()
    {
        var uri = await UploadAsync("warm/scan-policy.yaml", "approvedRegions: [us-east-1, eu-west-1]\nrequiredTags: [owner]\n");
        var scanner = await ScannerAsync(uri, moto.Endpoint);
        var network = Demo.AccountId("network");
        var job = Job("network");
        var findingOf = () => FunctionHarness.ScannerFindingsAsync(moto, network);

        (await FunctionHarness.InvokeAsync(scanner, FunctionHarness.SqsEvent([("m-1", job)]))).Should().Be("""{"batchItemFailures":[]}""");
        var missing = (await findingOf()).Should().ContainSingle(f => f.GeneratorId == TagMissing && f.RecordState == "ACTIVE").Subject;

        // The same process, a new version of the object: network no longer needs owner.
        await UploadAsync("warm/scan-policy.yaml", $"approvedRegions: [us-east-1, eu-west-1]\nrequiredTags: [owner]\noverrides:\n  - account: \"{network}\"\n    removeRequiredTags: [owner]\n");
        (await FunctionHarness.InvokeAsync(scanner, FunctionHarness.SqsEvent([("m-2", job)]))).Should().Be("""{"batchItemFailures":[]}""");

        var resolved = (await findingOf()).Single(f => f.Id == missing.Id);
        resolved.RecordState.Should().Be("ARCHIVED", "the next invocation read the new object");
        resolved.Compliance!.Status.Should().Be("PASSED");
    }

    [Fact]
    public async Task An_unchanged_policy_object_is_not_read_again_and_a_replaced_one_is()
    {
        var uri = await UploadAsync("etag/scan-policy.yaml", "requiredTags: [owner]\n");
        using var document = new S3PolicyDocument(_s3, PolicyUri.Parse(uri, "POLICY_URI"));

        (await document.LoadAsync(CancellationToken.None)).RequiredTags.Should().Equal("owner");
        (await document.LoadAsync(CancellationToken.None)).RequiredTags.Should().Equal("owner");
        document.Reads.Should().Be(1, "the second load was a conditional GET answered 304");

        await UploadAsync("etag/scan-policy.yaml", "requiredTags: [owner, cost-center]\n");
        (await document.LoadAsync(CancellationToken.None)).RequiredTags.Should().Equal("owner", "cost-center");
        document.Reads.Should().Be(2);
    }

    [Theory]
    [InlineData("approvedRegions: [us-east-1]\nrequiredTags: [owner]\nmaxAccessKeyAgeDays: -3\n", "maxAccessKeyAgeDays", "line 3")]
    [InlineData("approvedRegions: [us-east-1, us-east-9x]\n", "approvedRegions[1]", "line 1")]
    [InlineData("approvedRegions: [us-east-1\nrequiredTags: [owner]\n", "(syntax)", "not valid YAML or JSON")]
    [InlineData("overrides:\n  - ou: Sandbox\n    removeRequiredTagz: [owner]\n", "overrides[0].removeRequiredTagz", "line 3")]
    public async Task A_bad_policy_object_fails_both_functions_at_init_naming_the_field_and_nothing_is_scanned(string document, string field, string detail)
    {
        var uri = await UploadAsync($"bad/{Guid.NewGuid():N}.yaml", document);
        var queueUrl = await FunctionHarness.CreateQueueAsync(_sqs, "bad-policy");
        var before = await StateAsync();

        var scanner = () => FunctionComposition.AccountScannerAsync(Settings(uri, moto.Endpoint, null, FunctionRole.AccountScanner), new CapturedLog().Log, FunctionHarness.Credentials);
        var dispatcher = () => FunctionComposition.DispatcherAsync(Settings(uri, moto.Endpoint, queueUrl, FunctionRole.Dispatcher), new CapturedLog().Log, FunctionHarness.Credentials);

        foreach (var init in new[] { scanner, dispatcher })
        {
            var error = (await init.Should().ThrowAsync<ConfigurationException>()).Which;
            error.Message.Should().StartWith("POLICY_URI: ").And.Contain(uri).And.Contain(field).And.Contain(detail);
        }

        (await FunctionHarness.QueueDepthAsync(_sqs, queueUrl)).Should().Be((0, 0), "nothing was dispatched");
        (await StateAsync()).Should().Equal(before, "nothing was published");
    }

    [Fact]
    public async Task A_policy_object_replaced_by_an_invalid_one_fails_the_next_invocation_and_nothing_is_scanned()
    {
        var uri = await UploadAsync("turns-bad/scan-policy.yaml", "requiredTags: [owner]\n");
        var queueUrl = await FunctionHarness.CreateQueueAsync(_sqs, "turns-bad");
        var dispatcher = await FunctionComposition.DispatcherAsync(Settings(uri, moto.Endpoint, queueUrl, FunctionRole.Dispatcher), new CapturedLog().Log, FunctionHarness.Credentials);
        var scanner = await ScannerAsync(uri, moto.Endpoint);
        await UploadAsync("turns-bad/scan-policy.yaml", "requiredTags: [owner, '']\n");
        var before = await StateAsync();

        await FluentActions.Awaiting(() => FunctionHarness.InvokeAsync(dispatcher, "{}"))
            .Should().ThrowAsync<ConfigurationException>().WithMessage("*requiredTags[1]*");
        await FluentActions.Awaiting(() => FunctionHarness.InvokeAsync(scanner, FunctionHarness.SqsEvent([("m-bad", Job("network"))])))
            .Should().ThrowAsync<ConfigurationException>().WithMessage("*requiredTags[1]*");

        (await FunctionHarness.QueueDepthAsync(_sqs, queueUrl)).Should().Be((0, 0));
        (await StateAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task Policy_validate_names_every_problem_of_an_S3_document_and_passes_a_good_one()
    {
        var good = await UploadAsync("validate/good.yaml", ParityPolicy);
        var bad = await UploadAsync("validate/bad.yaml", "approvedRegions: [us-east-9x]\nmaxAccessKeyAgeDays: -1\n");
        AwsEnvironment Aws() => new() { Region = FunctionHarness.Region, EndpointUrl = moto.Endpoint, Credentials = FunctionHarness.Credentials };

        using var goodOut = new StringWriter();
        using var goodErr = new StringWriter();
        (await PolicyCommand.ValidateAsync(good, Aws, goodOut, goodErr, CancellationToken.None)).Should().Be(0, goodErr.ToString());
        goodOut.ToString().Should().Contain($"{good}: valid").And.Contain("2 override(s), 1 exemption(s)");

        using var badOut = new StringWriter();
        using var badErr = new StringWriter();
        (await PolicyCommand.ValidateAsync(bad, Aws, badOut, badErr, CancellationToken.None)).Should().Be(1);
        badErr.ToString().Should().Contain($"{bad}:1: approvedRegions[0]: 'us-east-9x' is not a valid region name")
            .And.Contain($"{bad}:2: maxAccessKeyAgeDays: -1 is negative");
        badOut.ToString().Should().BeEmpty();
    }

    private static string TagMissing => "tag.account-missing-required";

    private async Task<string> UploadAsync(string key, string body)
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = body });
        return $"s3://{Bucket}/{key}";
    }

    private static FunctionSettings Settings(string policyUri, string endpoint, string? queueUrl, FunctionRole role) =>
        FunctionSettings.FromEnvironment((System.Collections.IDictionary)FunctionHarness.EnvironmentWithPolicy(endpoint, queueUrl, policyUri), role);

    private static Task<Lambda.Runtime.LambdaHandler> ScannerAsync(string policyUri, string endpoint) =>
        FunctionComposition.AccountScannerAsync(Settings(policyUri, endpoint, null, FunctionRole.AccountScanner), new CapturedLog().Log, FunctionHarness.Credentials);

    private async Task<List<Amazon.SQS.Model.Message>> DispatchAsync(string policyUri, string endpoint)
    {
        var queueUrl = await FunctionHarness.CreateQueueAsync(_sqs, "policy");
        var dispatcher = await FunctionComposition.DispatcherAsync(Settings(policyUri, endpoint, queueUrl, FunctionRole.Dispatcher), new CapturedLog().Log, FunctionHarness.Credentials);
        await FunctionHarness.InvokeAsync(dispatcher, "{}");
        return await FunctionHarness.ReceiveAllAsync(_sqs, queueUrl);
    }

    private async Task RunFunctionsAsync(string policyUri, string endpoint)
    {
        var jobs = await DispatchAsync(policyUri, endpoint);
        jobs.Should().HaveCount(9);
        var response = await FunctionHarness.InvokeAsync(await ScannerAsync(policyUri, endpoint), FunctionHarness.SqsEvent(jobs.Select(m => (m.MessageId, m.Body))));
        response.Should().Be("""{"batchItemFailures":[]}""");
    }

    private string Job(string accountName) => new ScanJob
    {
        AccountId = Demo.AccountId(accountName),
        AccountName = accountName,
        OuPath = [.. FunctionsOrganization.DemoOuPaths[accountName].Select(path => new ScanJobOrganizationalUnit(Demo.OrganizationalUnitIds[path], path[(path.LastIndexOf('/') + 1)..]))],
        AccountTags = FunctionsOrganization.DemoTags[accountName],
        RequestedAt = DateTimeOffset.UtcNow,
        Reason = "test",
    }.ToJson();

    /// <summary>
    /// What this scanner holds in every account's Security Hub and in its own (scan health), each finding as a person
    /// reads it (state, verdict, words), without the times every import moves.
    /// </summary>
    private async Task<List<string>> StateAsync()
    {
        var state = new List<string>();
        foreach (var accountId in Demo.AccountIds.Values.Append(FunctionHarness.ScannerAccountId).Distinct(StringComparer.Ordinal))
        {
            state.AddRange((await FunctionHarness.ScannerFindingsAsync(moto, accountId)).Select(f => string.Join('|',
                f.GeneratorId, f.AwsAccountId, f.Id, f.RecordState, f.Compliance?.Status, f.Severity?.Label,
                FunctionHarness.ProductField(f, Aws.Publishing.ScannerProduct.Fields.Status), f.Title, f.Description)));
        }

        return [.. state.Order(StringComparer.Ordinal)];
    }

    /// <summary>Security Hub calls signed with the function's own credentials (moto's 'testing' key), as METHOD PATH.</summary>
    private static List<string> OwnSecurityHubCalls(AwsProxy wire) =>
        [.. wire.Calls.Where(c => c.Service == "securityhub" && c.AccessKeyId == "testing").Select(c => $"{c.Request.Method} {c.Request.Path}")];
}
