using Scanner.Commands;
using Scanner.Emulator.Hosting;

namespace Scanner.Aws.Tests.Faults;

/// <summary>
/// Bad input is refused before anything is scanned: the CLI exits 1, names the field that is wrong, prints no results,
/// and the proxy in front of "AWS" (here nothing at all) sees not one call.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    /// <summary>A proxy whose upstream nobody listens on: any call that got this far would be recorded, then fail.</summary>
    private readonly AwsProxy _proxy = new(LoopbackPort.ClosedEndpoint());

    public void Dispose() => _proxy.Dispose();

    public static TheoryData<string, string> BadPolicies => new()
    {
        // Wrong types.
        { "maxAccessKeyAgeDays: ninety\n", "maxAccessKeyAgeDays" },
        { "approvedRegions: {us-east-1: yes}\n", "approvedRegions" },
        { "requiredTags: [owner, [cost-center]]\n", "requiredTags[1]" },
        { "overrides: Sandbox\n", "overrides" },
        { "overrides:\n  - ou: Sandbox\n    maxAccessKeyAgeDays: [90]\n", "overrides[0].maxAccessKeyAgeDays" },
        { "exemptions:\n  - check: iam.local-user\n    account: \"111122223333\"\n    resource: bob\n    reason: ok\n    until: next-year\n", "exemptions[0].until" },

        // Unknown keys (a typo must not silently switch a setting off).
        { "aprovedRegions: [us-east-1]\n", "aprovedRegions" },
        { "overrides:\n  - ou: Sandbox\n    requiredTag: [owner]\n", "overrides[0].requiredTag" },

        // Values AWS would never accept.
        { "approvedRegions: [us-east-1, us-east-9x]\n", "approvedRegions[1]" },
        { "approvedRegions: [\"日本-east-1\"]\n", "approvedRegions[0]" },
        { "overrides:\n  - account: \"12345\"\n    approvedRegions: [eu-west-1]\n", "overrides[0].account" },
        { "exemptions:\n  - check: iam.local-user\n    account: \"12345678901a\"\n    resource: bob\n    reason: ok\n", "exemptions[0].account" },
        { "checks: [iam.no-such-check]\n", "checks[0]" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public async Task A_bad_policy_file_is_refused_naming_the_field_before_any_AWS_call(string yaml, string field)
    {
        var outcome = await CliScan.RunAsync(_proxy.Endpoint, publish: true, policyYaml: yaml);

        Refused(outcome, field);
    }

    public static TheoryData<string> BadAccountIds => new()
    {
        "12345", "1234567890123", "12345678901a", "１２３４５６７８９０１２", "123456789012\n", " 123456789012", "",
    };

    [Theory]
    [MemberData(nameof(BadAccountIds))]
    public async Task An_account_id_that_is_not_12_digits_is_refused_before_any_AWS_call(string accountId)
    {
        var outcome = await CliScan.RunAsync(_proxy.Endpoint, publish: true, r => r with { Accounts = ["210987654321", accountId] });

        Refused(outcome, "--account");
    }

    [Theory]
    [InlineData("us-east-1,us-east-9x")]
    [InlineData("eu-west-1,EU-WEST-1")]
    [InlineData("us-east-1,eu-west-1;drop")]
    [InlineData("müller-west-1")]
    public async Task An_invalid_region_in_the_approved_regions_flag_is_refused_before_any_AWS_call(string regions)
    {
        var outcome = await CliScan.RunAsync(_proxy.Endpoint, publish: true, r => r with { ApprovedRegions = regions });

        Refused(outcome, "is not a valid region name");
    }

    [Fact]
    public async Task A_negative_key_age_is_refused_before_any_AWS_call()
    {
        var outcome = await CliScan.RunAsync(_proxy.Endpoint, publish: true, r => r with { MaxKeyAge = -1 });

        Refused(outcome, "-1");
    }

    [Fact]
    public async Task An_invalid_home_region_is_refused_before_any_AWS_call()
    {
        var request = new ScanRequest { Region = "us-east-9x", EndpointUrl = _proxy.Endpoint, Format = OutputFormat.Json };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await new ScanRunner(stdout, stderr, interactive: false)
        {
            // As the SDK's defaults would: the home region is the one asked for.
            Environment = r => CliScan.Environment(_proxy.Endpoint) with { Region = r.Region! },
        }.RunAsync(request, CancellationToken.None);

        Refused(new CliScanOutcome(exit, stdout.ToString(), stderr.ToString()), "--region");
    }

    private void Refused(CliScanOutcome outcome, string field)
    {
        outcome.ExitCode.Should().Be(ScanRunner.ExitCouldNotRun, outcome.ToString());
        outcome.Stderr.Should().StartWith("error: ").And.Contain(field);
        outcome.Stdout.Should().BeEmpty("no result is printed for a scan that never ran");
        _proxy.Calls.Should().BeEmpty("bad input is refused before the first AWS call");
    }
}
