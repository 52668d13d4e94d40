using System.Text.RegularExpressions;
using Scanner.Commands;
using Scanner.Demo;
using Scanner.Emulator;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// The in-process emulator against moto, the independent reference, on the demo organization seeded the same way in
/// both, with every check on (the guardrail and baseline checks too, which the demo's policy leaves out for now): the
/// same results, account by account, resource by resource. Account ids differ between backends (each draws its own),
/// so results are compared by the demo's account names.
/// </summary>
/// <remarks>
/// Left out, because the backends differ there by design (EmulatorDemoTests states why): the root-user checks, which
/// have a credential report row to judge on the emulator and none on moto; the scanner's own health results; and the
/// three opt-in Regions moto lists as enabled without an opt-in (af-south-1, ap-southeast-3, eu-south-1), which AWS and
/// the emulator list as not opted in, so that checks judged in every enabled Region (guardduty.enabled) see three
/// Regions more on moto.
/// </remarks>
[Collection(DemoMotoCollection.Name)]
public sealed partial class EmulatorParityTests(MotoFixture moto) : SeededDemoTests(moto)
{
    private static readonly string[] DifferByDesign = ["iam.root-mfa", "iam.root-access-key", "iam.root-access-management", "scan.account-not-scanned"];

    /// <summary>Opt-in Regions moto's DescribeRegions calls opt-in-not-required.</summary>
    private static readonly string[] EnabledOnlyOnMoto = ["af-south-1", "ap-southeast-3", "eu-south-1"];

    [Fact]
    public async Task Every_check_gives_the_same_results_on_the_emulator_as_on_moto()
    {
        var policy = Cli.TempPath("every-check.yaml");
        await File.WriteAllTextAsync(policy, EveryCheck().Replace(DemoOrganization.PolicyYaml, ""));
        await using var emulator = await AwsEmulator.StartAsync(DemoOrganization.ManagementAccountName, TimeProvider.System);
        var emulated = await DemoOrganization.SeedAsync(emulator.Endpoint, CancellationToken.None);

        var onMoto = await DemoCli.RunAsync(Cli.Request(Moto.Endpoint, OutputFormat.Json) with { PolicyFile = policy });
        var onEmulator = await DemoCli.RunAsync(Cli.Request(emulator.Endpoint, OutputFormat.Json) with { PolicyFile = policy });

        var expected = Results(onMoto, Demo).Where(r => !EnabledOnlyOnMoto.Any(region => r.Contains($" {region} ", StringComparison.Ordinal))).ToList();
        var actual = Results(onEmulator, emulated);
        actual.Should().NotContain(r => EnabledOnlyOnMoto.Any(region => r.Contains($" {region} ", StringComparison.Ordinal)), because: "those Regions are not opted in");
        expected.Should().Contain(r => r.StartsWith("scp.", StringComparison.Ordinal), because: $"the guardrail checks ran on moto\n{onMoto}");
        var missing = expected.Except(actual).Order(StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected).Order(StringComparer.Ordinal).ToList();
        missing.Should().BeEmpty(because: $"moto gives these results and the emulator does not:\n{string.Join('\n', missing)}\n--- emulator's stderr ---\n{onEmulator.Stderr}");
        extra.Should().BeEmpty(because: $"the emulator gives these results and moto does not:\n{string.Join('\n', extra)}\n--- moto's stderr ---\n{onMoto.Stderr}");
        actual.Should().HaveSameCount(expected);
    }

    /// <summary>"check account status severity resource", with every account id replaced by the demo's name for it.</summary>
    private static List<string> Results(CliRun run, DemoOrganizationInfo demo)
    {
        string Named(string text) => demo.AccountIds.Aggregate(text, (t, p) => t.Replace(p.Value, p.Key, StringComparison.Ordinal));
        return [.. DemoExpectations.Rows(run.Stdout)
            .Where(r => !DifferByDesign.Contains(r.Text("checkId")))
            .Select(r => Named($"{r.Text("checkId")} {r.Text("accountId")} {r.Text("region")} {r.Text("status")} {r.Text("severity")} {ResourceName(r.Text("resourceId"))}"))];
    }

    /// <summary>Resource ids carry ids each backend draws for itself (instances, keys, OUs, policies): only the kind of resource is compared for those.</summary>
    private static string ResourceName(string resourceId) => DrawnId().Replace(resourceId, "$1*");

    [GeneratedRegex(@"(i-|AKIA|ou-|p-|r-|o-|/)(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<=[-A])[0-9a-zA-Z-]+)")]
    private static partial Regex DrawnId();

    [GeneratedRegex(@"(?ms)^# The guardrail.*\z")]
    private static partial Regex EveryCheck();
}
