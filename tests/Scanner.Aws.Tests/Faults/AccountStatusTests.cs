using Scanner.Aws.Collectors;
using Scanner.Aws.Scanning;
using Scanner.Aws.Sessions;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Emulator.Hosting;

namespace Scanner.Aws.Tests.Faults;

/// <summary>
/// An account suspended or closed between dispatch and scan: the scan of that account ends in one clear ERROR result,
/// reported in the scanner's own account, and never in an exception.
/// </summary>
public sealed class AccountStatusTests : IDisposable
{
    private const string ScannerAccount = "123456789012";
    private const string Target = "210987654321";
    private static readonly string RoleArn = $"arn:aws:iam::{Target}:role/OrganizationComplianceAudit";

    /// <summary>Nothing behind it: every call the scanner makes is answered (or refused) by the proxy itself.</summary>
    private readonly AwsProxy _proxy = new(LoopbackPort.ClosedEndpoint());
    private readonly AccountSessionFactory _sessions;
    private readonly AccountScanner _scanner;

    public AccountStatusTests()
    {
        _sessions = new AccountSessionFactory(CliScan.Environment(_proxy.Endpoint), "OrganizationComplianceAudit", null);
        _scanner = new AccountScanner(_sessions, new AccountCollector(new CollectionOptions(), TimeProvider.System), ScanPolicy.Default, ScannerAccount);
    }

    public void Dispose()
    {
        _sessions.Dispose();
        _proxy.Dispose();
    }

    [Theory]
    [InlineData("SUSPENDED")]
    [InlineData("PENDING_CLOSURE")]
    public async Task An_account_no_longer_active_gets_one_error_result_naming_it_and_its_status_without_any_AWS_call(string status)
    {
        var account = new OrganizationAccount { Id = Target, Name = "payments-old", Status = status };

        var scan = await _scanner.ScanAsync(account, CancellationToken.None);

        scan.Error.Should().Contain(status);
        scan.Inventory.Should().BeNull();
        scan.ChecksRun.Should().Equal("scan.account-not-scanned");
        var result = scan.Results.Should().ContainSingle().Subject;
        result.Status.Should().Be(CheckStatus.Error);
        result.CheckId.Should().Be("scan.account-not-scanned");
        result.AccountId.Should().Be(ScannerAccount, "it is reported where the scanner can write");
        result.ResourceId.Should().Be($"AWS::::Account:{Target}");
        result.Title.Should().Contain(Target).And.Contain("payments-old").And.Contain(status);
        result.Description.Should().Contain("AccountNotActive");
        _proxy.Calls.Should().BeEmpty("an account that is not ACTIVE is not even tried");
    }

    [Fact]
    public async Task A_closed_account_whose_role_STS_refuses_gets_one_error_result_naming_the_role_and_the_possible_closure()
    {
        // What AWS answers when the account was closed (or suspended) after it was dispatched as ACTIVE: AccessDenied, as
        // for a missing role. The result has to say both, so that nobody redeploys a role into a closed account.
        _proxy.Fault = call => call is { Service: "sts", Operation: "AssumeRole" }
            ? ProxyFault.Answer(AwsFaults.AssumeRoleDenied(RoleArn))
            : ProxyFault.Answer(new CannedResponse(500, "unexpected"));
        var account = new OrganizationAccount { Id = Target, Name = "payments-old", Status = "ACTIVE" };

        var scan = await _scanner.ScanAsync(account, CancellationToken.None);

        var result = scan.Results.Should().ContainSingle().Subject;
        result.Status.Should().Be(CheckStatus.Error);
        result.CheckId.Should().Be("scan.account-not-scanned");
        result.AccountId.Should().Be(ScannerAccount);
        result.Title.Should().Contain(Target).And.Contain(RoleArn).And.Contain("could not be assumed");
        result.Description.Should().Contain("AccessDenied").And.Contain("closed or suspended");
        scan.Error.Should().Contain(RoleArn);
        _proxy.Calls.Should().ContainSingle("AccessDenied is not retried, and nothing else is called in the account")
            .Which.Operation.Should().Be("AssumeRole");

        // The refusal is not remembered: the next scan of the account asks STS again (the account may be back).
        await _scanner.ScanAsync(account, CancellationToken.None);
        _proxy.Calls.Count(c => c.Operation == "AssumeRole").Should().Be(2);
    }

    /// <remarks>Slow (about 10 to 30 s): the SDK's standard retries back off exponentially (jittered, up to ~16 s) between its six attempts.</remarks>
    [Fact]
    public async Task An_STS_that_keeps_failing_gives_an_error_result_with_its_code_after_the_retries()
    {
        _proxy.Fault = call => ProxyFault.Answer(AwsFaults.ServerError(call));
        var account = new OrganizationAccount { Id = Target, Name = "payments-old" };

        var scan = await _scanner.ScanAsync(account, CancellationToken.None);

        var result = scan.Results.Should().ContainSingle().Subject;
        result.Status.Should().Be(CheckStatus.Error);
        result.Title.Should().Contain(Target).And.Contain(RoleArn);
        result.Description.Should().Contain("InternalFailure");
        _proxy.Calls.Count(c => c.Operation == "AssumeRole").Should().Be(1 + Scanner.Aws.Protocols.ProtocolClientConfig.SdkRetries, "a 500 is retried by the SDK, and only by it");
    }
}
