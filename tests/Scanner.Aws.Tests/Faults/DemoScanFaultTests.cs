using System.Text.Json;
using Scanner.Aws.Tests.Infrastructure;
using Scanner.Commands;
using Scanner.Demo;
using Xunit.Abstractions;

namespace Scanner.Aws.Tests.Faults;

/// <summary>
/// The CLI scanning (and publishing) the demo organization through a proxy that throttles, fails, drops connections,
/// refuses AssumeRole and refuses findings, compared with an undisturbed scan of the same organization.
/// </summary>
/// <remarks>
/// Every test here shares one seeded organization (moto builds each account's regional backends on first use, so the
/// first scan of a fresh organization takes ~20 s and later ones a few): the tests compare scans with each other and
/// read back only what they published themselves, so the findings earlier tests left behind do not matter.
/// </remarks>
[Collection(MotoCollection.Name)]
public sealed class DemoScanFaultTests(MotoFixture moto, ITestOutputHelper output) : IAsyncLifetime
{
    private const string StateKey = "faults-demo";

    /// <summary>The undisturbed scan of the current seeding, computed once for all the tests of this class.</summary>
    private static (DemoOrganizationInfo Demo, CliScanOutcome Scan)? _baseline;

    private DemoOrganizationInfo _demo = null!;

    private static CliScanOutcome Baseline => _baseline!.Value.Scan;

    public async Task InitializeAsync()
    {
        _demo = await moto.UseDemoAsync(StateKey);
        if (_baseline?.Demo != _demo)
        {
            using var clean = new AwsProxy(moto.Endpoint);
            var scan = await CliScan.RunAsync(clean.Endpoint, publish: false);
            scan.ExitCode.Should().Be(ScanRunner.ExitFindings, scan.ToString());
            clean.Faulted.Should().BeEmpty();
            scan.Keys.Should().Contain(k => k.Status == "FAILED").And.NotContain(k => k.Status == "ERROR", scan.ToString());
            _baseline = (_demo, scan);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The first call of every operation and every fifth after it: each operation meets throttling at least once.</summary>
    private static bool FifthOf(ProxiedCall call) => call.NthOfOperation % 5 == 1;

    [Fact]
    public async Task A_fifth_of_all_calls_throttled_with_each_protocols_own_error_changes_nothing_and_everything_is_published()
    {
        using var proxy = new AwsProxy(moto.Endpoint) { Fault = call => FifthOf(call) ? ProxyFault.Answer(AwsFaults.Throttling(call)) : null };

        var throttled = await CliScan.RunAsync(proxy.Endpoint, publish: true);

        output.WriteLine(Summary(proxy));
        throttled.ExitCode.Should().Be(ScanRunner.ExitFindings, throttled.ToString());
        throttled.Keys.Should().BeEquivalentTo(Baseline.Keys, throttled.ToString());
        EverythingPublished(throttled);
        EveryFaultWasRetried(proxy);

        // Every protocol's throttling error was met, and about a fifth of all calls met one.
        proxy.Faulted.Select(c => c.Service).Distinct()
            .Should().Contain(["organizations", "cloudtrail", "tagging", "iam", "sts", "ec2", "lambda", "securityhub", "config", "guardduty"]);
        proxy.Faulted.Should().Contain(c => c.Operation == "DescribeHub");
        ((double)proxy.Faulted.Count / proxy.Calls.Count).Should().BeInRange(0.18, 0.35);
    }

    [Fact]
    public async Task Server_errors_and_dropped_connections_are_retried_and_change_nothing()
    {
        // The first attempt of every call that reads something the demo's results depend on fails: the regional calls where
        // its resources are (us-east-1, eu-central-1) lose their connection, sometimes after moto has answered; the global
        // ones (IAM, Organizations, CloudTrail, STS), Security Hub, Config and GuardDuty get a 500 or a 503. Any call not retried would leave a
        // gap, and its results would be withheld (or the scan would end): the results would differ.
        // "First" is the first time the proxy sees the request, whichever layer sends it again: the SDK (its attempt
        // counter goes up) or the Security Hub publisher, whose paced calls are each one SDK attempt.
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        bool First(ProxiedCall call) => seen.TryAdd(SameRequest(call), true);
        using var proxy = new AwsProxy(moto.Endpoint)
        {
            Fault = call => !First(call) ? null : call.Service switch
            {
                "ec2" or "lambda" or "tagging" when call.Region is "us-east-1" or "eu-central-1" && call.Operation != "DescribeRegions" =>
                    ProxyFault.DropConnection(afterForwarding: call.NthOfOperation % 2 == 0),
                "iam" or "organizations" or "cloudtrail" or "sts" or "securityhub" or "config" or "guardduty" =>
                    ProxyFault.Answer(AwsFaults.ServerError(call, unavailable: call.NthOfOperation % 2 == 0)),
                _ => null,
            },
        };

        var faulted = await CliScan.RunAsync(proxy.Endpoint, publish: true);

        output.WriteLine(Summary(proxy));
        faulted.ExitCode.Should().Be(ScanRunner.ExitFindings, faulted.ToString());
        faulted.Keys.Should().BeEquivalentTo(Baseline.Keys, faulted.ToString());
        EverythingPublished(faulted);
        EveryFaultWasRetried(proxy);
        foreach (var service in new[] { "organizations", "iam", "sts", "cloudtrail", "securityhub", "config", "guardduty" })
        {
            proxy.Faulted.Should().Contain(c => c.Service == service && c.Outcome == CallOutcome.Answered, $"{service} met a 5xx");
        }

        foreach (var service in new[] { "ec2", "lambda", "tagging" })
        {
            proxy.Faulted.Should().Contain(c => c.Service == service && c.Outcome == CallOutcome.Dropped, $"{service} lost a connection");
            proxy.Faulted.Should().Contain(c => c.Service == service && c.Outcome == CallOutcome.DroppedAfterForwarding, $"{service} lost an answer");
        }
    }

    [Fact]
    public async Task An_account_whose_audit_role_cannot_be_assumed_is_reported_and_every_other_account_is_scanned_and_published()
    {
        var refused = _demo.AccountId("payments-dev");
        var roleArn = $"arn:aws:iam::{refused}:role/{DemoOrganization.MemberRoleName}";
        using var proxy = new AwsProxy(moto.Endpoint)
        {
            Fault = call => call is { Service: "sts", Operation: "AssumeRole" } && call.Request.Form().Any(p => p.Key == "RoleArn" && p.Value == roleArn)
                ? ProxyFault.Answer(AwsFaults.AssumeRoleDenied(roleArn))
                : null,
        };

        var scan = await CliScan.RunAsync(proxy.Endpoint, publish: true);

        scan.ExitCode.Should().Be(ScanRunner.ExitFindings, scan.ToString());
        var error = scan.Rows.Where(r => r.GetProperty("status").GetString() == "ERROR").Should().ContainSingle(scan.ToString()).Subject;
        error.GetProperty("checkId").GetString().Should().Be("scan.account-not-scanned");
        error.GetProperty("accountId").GetString().Should().Be(MotoFixture.ManagementAccountId, "it is reported in the scanner's own account");
        error.GetProperty("resourceId").GetString().Should().Be($"AWS::::Account:{refused}");
        error.GetProperty("title").GetString().Should().Contain(refused).And.Contain("payments-dev").And.Contain(roleArn).And.Contain("could not be assumed");
        error.GetProperty("description").GetString().Should().Contain("AccessDenied");
        scan.Keys.Where(k => k.AccountId == refused).Should().BeEmpty("none of its checks ran");

        // Every other account: scanned exactly as without the fault, and published.
        scan.Keys.Where(k => k.Status != "ERROR").Should().BeEquivalentTo(Baseline.Keys.Where(k => k.AccountId != refused));
        foreach (var (name, id) in _demo.AccountIds.Where(a => a.Value != refused))
        {
            scan.Stderr.Should().MatchRegex($@"(?m)^Security Hub {id} us-east-1: \d+ new, .*, 0 failed$", $"{name} was published");
        }

        scan.Stderr.Should().NotContain($"Security Hub {refused}").And.NotContain("not published");
        var health = (await CliScan.FindingsAsync(moto, MotoFixture.ManagementAccountId))
            .Should().ContainSingle(f => f.GeneratorId == "scan.account-not-scanned" && f.Resources![0].Id == $"AWS::::Account:{refused}").Subject;
        health.RecordState.Should().Be("ACTIVE");
        health.Compliance!.Status.Should().Be("FAILED");
        health.Title.Should().Contain(refused).And.Contain("could not be assumed");
        health.AwsAccountId.Should().Be(MotoFixture.ManagementAccountId);
        proxy.Calls.Should().Contain(c => c.Service == "securityhub" && c.AccountId == _demo.AccountId("payments-prod") && c.Operation == "GetFindings",
            "its findings were reconciled with what its Security Hub holds (an unchanged finding is not imported again)");
        proxy.Calls.Should().NotContain(c => c.AccountId == refused, "nothing is called in an account whose role was refused");
    }

    [Fact]
    public async Task Findings_Security_Hub_refuses_are_named_on_stderr_with_their_code_and_never_dropped_silently()
    {
        // Security Hub refuses every iam.local-user finding with a code that retrying cannot fix; the rest are imported.
        static bool Refused(JsonElement finding) => finding.GetProperty("GeneratorId").GetString() == "iam.local-user";
        // A fresh organization: findings an earlier test published are unchanged, and would not be imported again.
        await moto.FreshDemoAsync();
        using var proxy = new AwsProxy(moto.Endpoint)
        {
            RewriteRequest = call => call.Operation == "BatchImportFindings" ? Without(call.Request.Body, Refused) : null,
            RewriteResponse = (call, response) => call.Operation == "BatchImportFindings" && response.Status == 200
                ? response.WithText(WithFailures(response.Text, call.Request.Body, Refused))
                : null,
        };

        var scan = await CliScan.RunAsync(proxy.Endpoint, publish: true);

        var refusedIds = proxy.Calls.Where(c => c.Operation == "BatchImportFindings")
            .SelectMany(c => Findings(c.Request.Body).Where(Refused).Select(f => f.GetProperty("Id").GetString()!))
            .Distinct().ToList();
        refusedIds.Should().HaveCountGreaterThanOrEqualTo(3, "alice, ci-deploy and old-exempt are local users");
        foreach (var id in refusedIds)
        {
            scan.Stderr.Should().Contain($"  finding {id} was not imported: InvalidInput: Finding does not adhere to the AWS Security Finding Format", scan.ToString());
        }

        var failedCounts = System.Text.RegularExpressions.Regex.Matches(scan.Stderr, @"(?m)^Security Hub \d{12} us-east-1: .*, (\d+) failed$")
            .Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        failedCounts.Should().Be(refusedIds.Count, "every refused finding is counted where it belongs");
        foreach (var id in refusedIds)
        {
            proxy.Calls.Count(c => c.Operation == "BatchImportFindings" && c.Request.Body.Contains(id, StringComparison.Ordinal))
                .Should().Be(1, "a permanent failure is reported, not retried");
        }

        scan.ExitCode.Should().Be(ScanRunner.ExitFindings);
    }

    [Fact]
    public async Task No_credential_the_scan_was_given_appears_in_its_output_its_logs_its_exceptions_or_its_findings()
    {
        // Error paths too: a refused AssumeRole, a denied IAM call, server errors and dropped connections.
        var refused = _demo.AccountId("log-archive");
        var denied = _demo.AccountId("network");
        using var proxy = new AwsProxy(moto.Endpoint)
        {
            Fault = call => call switch
            {
                { Service: "sts", Operation: "AssumeRole" } when call.Request.Body.Contains(refused, StringComparison.Ordinal) =>
                    ProxyFault.Answer(AwsFaults.AssumeRoleDenied($"arn:aws:iam::{refused}:role/{DemoOrganization.MemberRoleName}")),
                { Service: "iam", Operation: "ListUsers" } when call.AccountId == denied => ProxyFault.Answer(new CannedResponse(403,
                    $"""<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:sts::{denied}:assumed-role/{DemoOrganization.MemberRoleName}/org-compliance-scanner is not authorized to perform: iam:ListUsers</Message></Error><RequestId>1</RequestId></ErrorResponse>""",
                    "text/xml")),
                _ when call.NthOfOperation % 9 == 4 => ProxyFault.Answer(AwsFaults.ServerError(call)),
                _ when call.NthOfOperation % 13 == 6 => ProxyFault.DropConnection(),
                _ => null,
            },
        };
        var html = Path.Combine(Path.GetTempPath(), $"faults-report-{Guid.NewGuid():N}.html");
        var exceptions = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        void Capture(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) => exceptions.Enqueue(e.Exception);
        using var console = new StringWriter();
        using var trace = new StringWriter();
        using var listener = new System.Diagnostics.TextWriterTraceListener(trace);
        var (stdout, stderr) = (Console.Out, Console.Error);
        AppDomain.CurrentDomain.FirstChanceException += Capture;
        System.Diagnostics.Trace.Listeners.Add(listener);
        Console.SetOut(console);
        Console.SetError(console);
        CliScanOutcome scan;
        try
        {
            scan = await CliScan.RunAsync(proxy.Endpoint, publish: true, r => r with { HtmlFile = html });
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            System.Diagnostics.Trace.Listeners.Remove(listener);
            AppDomain.CurrentDomain.FirstChanceException -= Capture;
        }

        var readBack = new List<string>();
        foreach (var id in _demo.AccountIds.Values)
        {
            readBack.Add(JsonSerializer.Serialize(new Services.GetFindingsResponse(await CliScan.FindingsAsync(moto, id), null),
                Services.AwsJsonContext.Default.GetFindingsResponse));
        }

        var everything = new Dictionary<string, string>
        {
            ["stdout"] = scan.Stdout,
            ["stderr"] = scan.Stderr,
            ["console and trace"] = console + "\n" + trace,
            ["HTML report"] = await File.ReadAllTextAsync(html),
            ["exceptions"] = string.Join("\n", exceptions.Select(e => e.ToString())),
            ["imported findings"] = string.Join("\n", proxy.Calls.Where(c => c.Operation == "BatchImportFindings").Select(c => c.Request.Body)),
            ["findings read back"] = string.Join("\n", readBack),
        };
        File.Delete(html);

        var issued = proxy.Issued.Where(c => _demo.AccountIds.Values.Contains(c.AccountId)).ToList();
        issued.Select(c => c.AccountId).Distinct().Should().HaveCountGreaterThanOrEqualTo(6, "the scanner assumed the audit role in every member account it reached");
        exceptions.Should().Contain(e => e is Errors.AwsServiceException, "the error paths ran");
        scan.Stderr.Should().Contain("not scanned");
        foreach (var credentials in issued)
        {
            foreach (var secret in new[] { credentials.SecretAccessKey, credentials.SessionToken })
            {
                foreach (var form in Forms(secret))
                {
                    foreach (var (where, text) in everything)
                    {
                        text.Should().NotContain(form, $"the {where} must not carry a credential issued for {credentials.AccountId}");
                    }
                }
            }
        }
    }

    /// <summary>A secret as it would appear raw, cut short, or escaped for JSON, a URL or HTML.</summary>
    private static IEnumerable<string> Forms(string secret) =>
    [
        secret, secret[..20], secret[^20..],
        System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(secret),
        Uri.EscapeDataString(secret),
        System.Net.WebUtility.HtmlEncode(secret),
    ];

    private static List<JsonElement> Findings(string body)
    {
        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.GetProperty("Findings").EnumerateArray().Select(f => f.Clone())];
    }

    private static string Without(string body, Func<JsonElement, bool> refused) =>
        JsonSerializer.Serialize(new Dictionary<string, List<JsonElement>> { ["Findings"] = [.. Findings(body).Where(f => !refused(f))] });

    private static string WithFailures(string response, string body, Func<JsonElement, bool> refused)
    {
        using var moto = JsonDocument.Parse(response);
        var failures = Findings(body).Where(refused).Select(f => new Dictionary<string, string>
        {
            ["Id"] = f.GetProperty("Id").GetString()!,
            ["ErrorCode"] = "InvalidInput",
            ["ErrorMessage"] = "Finding does not adhere to the AWS Security Finding Format",
        }).ToList();
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["FailedCount"] = failures.Count,
            ["SuccessCount"] = moto.RootElement.GetProperty("SuccessCount").GetInt32(),
            ["FailedFindings"] = failures,
        });
    }

    private void EverythingPublished(CliScanOutcome scan)
    {
        CliScan.UnexpectedWarnings(scan.Stderr).Should().BeEmpty("nothing was left uncollected");
        scan.Stderr.Should().NotContain("not published").And.NotContain("was not imported");
        foreach (var id in _demo.AccountIds.Values)
        {
            scan.Stderr.Should().MatchRegex($@"(?m)^Security Hub {id} us-east-1: .*, 0 failed$", scan.ToString());
        }
    }

    /// <summary>Every request that met a fault was sent again (same SDK invocation) until one got through.</summary>
    private static void EveryFaultWasRetried(AwsProxy proxy)
    {
        var calls = proxy.Calls;
        calls.Should().OnlyContain(c => !string.IsNullOrEmpty(c.Request.Header("amz-sdk-invocation-id")), "the SDK names every invocation");
        // moto has no iam:ListOrganizationsFeatures: it answers 500 to every attempt, so that call never gets through.
        // The same request sent again, by the SDK or by the caller's own retry layer (Security Hub's publisher).
        foreach (var request in calls.GroupBy(SameRequest)
            .Where(g => g.Any(c => c.Outcome != CallOutcome.Forwarded) && g.All(c => c.Operation != "ListOrganizationsFeatures")))
        {
            var last = request.MaxBy(c => c.Sequence)!;
            last.Outcome.Should().Be(CallOutcome.Forwarded, $"{last.Service} {last.Operation} ({last.AccountId}, {last.Region}) was retried until it got through");
        }
    }

    /// <summary>What makes two calls the same request: the operation, where it is sent, as whom, and its body.</summary>
    private static string SameRequest(ProxiedCall call) =>
        $"{call.Service} {call.Operation} {call.AccountId} {call.Region} {call.Request.Method} {call.Request.Path}?{call.Request.Query} {call.Request.Body}";

    internal static string Summary(AwsProxy proxy) => string.Join("\n", proxy.Calls
        .GroupBy(c => (c.Service, c.Operation))
        .OrderBy(g => g.Key.Service, StringComparer.Ordinal).ThenBy(g => g.Key.Operation, StringComparer.Ordinal)
        .Select(g => $"{g.Key.Service} {g.Key.Operation}: {g.Count()} calls, {g.Count(c => c.Outcome != CallOutcome.Forwarded)} faulted"));
}
