namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// config.recorder (AWS FSBP Config.1): in every approved Region of the account a configuration recorder records all
/// supported resource types (or, when the policy names them in configResourceTypes, at least those), has a delivery
/// channel to send them to, is recording, and did not last fail. One result per Region, so fixing one Region resolves its
/// own finding.
/// </summary>
public sealed class ConfigRecorderCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "config.recorder",
        Title = "AWS Config is not recording",
        Severity = Severity.High,
        MinimumSeverity = Severity.Medium,
        Description =
            "Approved Regions (every enabled Region when none is approved) of an account where AWS Config has no "
            + "configuration recorder, no delivery channel, is not recording or last failed (High), or does not record "
            + "every resource type, or those the policy's configResourceTypes requires (Medium).",
        Remediation =
            "In the account and Region: AWS Config console > Settings > Edit > 'Record all resource types', "
            + "choose the delivery S3 bucket, then Start recording. CLI: aws configservice "
            + "put-configuration-recorder --configuration-recorder name=default,roleARN=ROLE_ARN --recording-group "
            + "allSupported=true, put-delivery-channel --delivery-channel name=default,s3BucketName=BUCKET, then "
            + "start-configuration-recorder --configuration-recorder-name default. For the whole organization: a "
            + "StackSet or Control Tower.",
        RemediationUrl = "https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html#config-1",
        FindingTypes = [FindingTypes.BestPractices, FindingTypes.CisBenchmark],
        Controls = ["AWS FSBP Config.1", "CIS AWS Foundations 3.3"],
        DataSources = [DataSource.Config, DataSource.Regions],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policy);
        var account = CheckText.Account(inventory.Account);
        foreach (var (region, config) in SecurityBaselineRegions.Collected(inventory, policy, inventory.Config, c => c.Region))
        {
            var problems = new List<string>();
            var severity = Severity.Medium;
            var recorder = config.Recorders.OrderByDescending(r => r.Recording).ThenBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault();
            if (recorder is null)
            {
                problems.Add("has no configuration recorder");
                severity = Severity.High;
            }
            else
            {
                if (!recorder.Recording)
                {
                    problems.Add($"has recorder '{recorder.Name}' stopped");
                    severity = Severity.High;
                }

                if (string.Equals(recorder.LastStatus, "Failure", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"had recorder '{recorder.Name}' fail last time ({recorder.LastErrorCode ?? "no error code"})");
                    severity = Severity.High;
                }

                if (CoverageProblem(recorder, policy.ConfigResourceTypes) is { } coverage)
                {
                    problems.Add(coverage);
                }
            }

            if (config.DeliveryChannels.Count == 0)
            {
                problems.Add("has no delivery channel");
                severity = Severity.High;
            }

            var details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Recorders"] = string.Join(",", config.Recorders.Select(r => r.Name)),
                ["Recording"] = recorder?.Recording == true ? "true" : "false",
                ["DeliveryChannels"] = string.Join(",", config.DeliveryChannels),
            };
            if (problems.Count == 0)
            {
                yield return Definition.Passed(inventory, region, ResourceTypes.Account, ResourceTypes.AccountResourceId(inventory.Account.Id),
                    $"AWS Config is recording {(RecordsEverything(recorder!) ? "all resources" : "the required resource types")} in {region}",
                    $"AWS Config in {region} of {account} records {(RecordsEverything(recorder!) ? "every supported resource type" : $"the {CheckText.Count(policy.ConfigResourceTypes.Count, "resource type", "resource types")} the policy requires")} "
                    + $"with recorder '{recorder!.Name}' and delivers to {string.Join(", ", config.DeliveryChannels)}.",
                    details);
                continue;
            }

            var title = $"AWS Config in {region} {CheckText.JoinAnd(problems)}";
            yield return Definition.Failed(inventory, severity, region, ResourceTypes.Account, ResourceTypes.AccountResourceId(inventory.Account.Id),
                title,
                $"{title}, in {account}; {region} is {SecurityBaselineRegions.Why(policy)}. Without a recorder that records every "
                + "resource and delivers its history, nobody can tell what changed there or when, and the Security Hub "
                + "controls that rely on Config rules report nothing.",
                details);
        }
    }

    /// <summary>
    /// What the recorder leaves out: with no required types, anything short of every supported type; with required types,
    /// those it does not record. Null when nothing required is left out.
    /// </summary>
    private static string? CoverageProblem(ConfigRecorder recorder, IReadOnlyList<string> required)
    {
        if (RecordsEverything(recorder))
        {
            return null;
        }

        if (required.Count == 0)
        {
            return recorder.ExcludedResourceTypes.Count > 0
                ? $"excludes {CheckText.Count(recorder.ExcludedResourceTypes.Count, "resource type", "resource types")} from recording ({string.Join(", ", recorder.ExcludedResourceTypes.Take(5))})"
                : $"records only {CheckText.Count(recorder.ResourceTypes.Count, "resource type", "resource types")}";
        }

        var missing = required.Where(type => !Records(recorder, type)).ToList();
        return missing.Count == 0
            ? null
            : $"does not record {CheckText.Count(missing.Count, "resource type", "resource types")} the policy requires ({string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : "")})";
    }

    private static bool RecordsEverything(ConfigRecorder recorder) =>
        recorder.RecordsAllSupported || (IsExclusion(recorder) && recorder.ExcludedResourceTypes.Count == 0);

    /// <summary>
    /// allSupported records every type; the exclusion strategy every type it does not exclude; otherwise (inclusion) only
    /// the listed types. Config spells types the same way everywhere (AWS::EC2::Instance), so they compare ordinally.
    /// </summary>
    private static bool Records(ConfigRecorder recorder, string type) =>
        recorder.RecordsAllSupported
        || (IsExclusion(recorder)
            ? !recorder.ExcludedResourceTypes.Contains(type, StringComparer.Ordinal)
            : recorder.ResourceTypes.Contains(type, StringComparer.Ordinal));

    private static bool IsExclusion(ConfigRecorder recorder) =>
        string.Equals(recorder.RecordingStrategy, "EXCLUSION_BY_RESOURCE_TYPES", StringComparison.Ordinal);
}
