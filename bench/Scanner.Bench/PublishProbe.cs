using System.Diagnostics;
using Scanner.Aws.Publishing;
using Scanner.Aws.Sessions;
using Scanner.Bench.Server;
using Scanner.Emulator.Model;
using Scanner.Core.Evaluation;

namespace Scanner.Bench;

/// <summary>How a large publish paced itself, as the server saw it.</summary>
internal sealed record PublishResult
{
    public required int Findings { get; init; }
    public required long Imported { get; init; }
    public required int Requests { get; init; }
    public required int MaxInOneSecond { get; init; }

    /// <summary>The smallest token bucket at 10 requests a second that admits every import as it arrived (Security Hub's is 30).</summary>
    public required double BurstAtTenPerSecond { get; init; }

    public required long QuotaExceeded { get; init; }
    public required long GetFindingsCalls { get; init; }
    public required TimeSpan Wall { get; init; }
    public required int Failed { get; init; }
    public string? Error { get; init; }
}

/// <summary>
/// Publishes many findings of one account through SecurityHubPublisher (reconcile, then BatchImportFindings in batches
/// of 100 under the shared rate limiter) to the bench server, which enforces Security Hub's quotas and records when
/// each import arrived, and reports the highest rate in any one-second window and the burst the requests needed.
/// </summary>
internal static class PublishProbe
{
    public static async Task<PublishResult> RunAsync(string endpoint, BenchServerControl control, SyntheticOrganization organization, int findings)
    {
        await control.ResetAsync(findings: true);
        await control.ConfigureAsync(quotas: true);
        var environment = ScanHarness.Environment(endpoint);
        using var sessions = new AccountSessionFactory(environment, ScanHarness.Policy.AuditRoleName, ScanHarness.Policy.ExternalId);
        var account = organization.Accounts[Math.Min(1, organization.Accounts.Count - 1)];
        var session = await sessions.ForAccountAsync(account.Id, CancellationToken.None);
        var results = Enumerable.Range(0, findings).Select(i => new CheckResult
        {
            CheckId = "tag.resource-missing-required",
            AccountId = account.Id,
            Region = environment.Region,
            ResourceType = "AwsEc2Instance",
            ResourceId = $"arn:aws:ec2:{environment.Region}:{account.Id}:instance/i-{i:x17}",
            Status = CheckStatus.Failed,
            Severity = Severity.Low,
            Title = $"Instance i-{i:x17} lacks required tags",
            Description = "The instance has no cost-center tag.",
            Remediation = "Tag the instance with cost-center.",
        }).ToList();

        var clock = Stopwatch.StartNew();
        var outcome = await new SecurityHubPublisher().PublishAsync(session, account.Id, environment.Region, results,
            new HashSet<string>(StringComparer.Ordinal) { "tag.resource-missing-required" }, [], CancellationToken.None);
        var wall = clock.Elapsed;
        var stats = await control.StatsAsync();
        var times = stats.ImportTimesMs.Order().ToList();
        return new PublishResult
        {
            Findings = findings,
            Imported = stats.FindingsImported,
            Requests = times.Count,
            MaxInOneSecond = MaxInWindow(times, 1000),
            BurstAtTenPerSecond = BucketNeeded(times, 10),
            QuotaExceeded = stats.QuotaExceeded,
            GetFindingsCalls = stats.ByOperation.GetValueOrDefault("SecurityHub.GetFindings"),
            Wall = wall,
            Failed = outcome.Failed.Count,
            Error = outcome.Error,
        };
    }

    private static int MaxInWindow(List<double> times, double windowMs)
    {
        var best = 0;
        var start = 0;
        for (var end = 0; end < times.Count; end++)
        {
            while (times[end] - times[start] >= windowMs)
            {
                start++;
            }

            best = Math.Max(best, end - start + 1);
        }

        return best;
    }

    /// <summary>max over i ≤ j of (j − i + 1) − rate × (t_j − t_i): the bucket size a limiter at this rate would have needed.</summary>
    private static double BucketNeeded(List<double> times, double perSecond)
    {
        var best = 0.0;
        for (var i = 0; i < times.Count; i++)
        {
            for (var j = i; j < times.Count; j++)
            {
                best = Math.Max(best, j - i + 1 - perSecond * (times[j] - times[i]) / 1000);
            }
        }

        return best;
    }
}
