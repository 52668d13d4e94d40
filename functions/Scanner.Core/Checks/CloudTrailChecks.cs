namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// cloudtrail.organization-trail: the organization needs one trail that records every account in every region,
/// is logging, and signs its log files. Evaluated on the management account's inventory only, where the
/// organization trail lives. A trail whose logging status could not be read is neither passed nor failed on
/// logging: the collection gap keeps the previous finding until a scan can see it.
/// </summary>
public sealed class OrganizationTrailCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "cloudtrail.organization-trail",
        Title = "No complete organization trail",
        Severity = Severity.High,
        MinimumSeverity = Severity.Medium,
        Description =
            "The management account has no CloudTrail organization trail that is multi-Region, logging, and validating its "
            + "log files. High when there is none or it is not logging; Medium when it is single-Region or lacks validation.",
        Remediation =
            "In the management account (or CloudTrail's delegated administrator): CloudTrail console > Trails > "
            + "create or edit a trail with 'Enable for all accounts in my organization', multi-Region and log file "
            + "validation on, then start logging. CLI: aws cloudtrail update-trail --name NAME "
            + "--is-organization-trail --is-multi-region-trail --enable-log-file-validation, then aws cloudtrail "
            + "start-logging --name NAME. A new trail needs an S3 bucket whose policy lets CloudTrail write for the "
            + "organization.",
        RemediationUrl = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html",
        FindingTypes = [FindingTypes.BestPractices, FindingTypes.CisBenchmark],
        Controls = ["CIS AWS Foundations 3.1", "CIS AWS Foundations 3.2", "AWS FSBP CloudTrail.1", "AWS FSBP CloudTrail.4"],
        DataSources = [DataSource.CloudTrail],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (!inventory.Account.IsManagementAccount)
        {
            return [];
        }

        // A trail is listed once per region it shadows into; one result per trail.
        var trails = inventory.Trails
            .GroupBy(t => t.Arn, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(t => t.Arn, StringComparer.Ordinal)
            .ToList();
        var orgTrails = trails.Where(t => t.IsOrganizationTrail).ToList();

        if (orgTrails.Count == 0)
        {
            // With part of CloudTrail unreadable, "no organization trail" may only mean "not seen".
            return CheckText.HasGap(inventory, DataSource.CloudTrail) ? [] : [NoOrganizationTrail(inventory, trails)];
        }

        var complete = orgTrails.Where(t => IsComplete(t) == true).ToList();
        if (complete.Count > 0)
        {
            return complete.Select(t => Definition.Passed(
                inventory, t.HomeRegion, ResourceTypes.CloudTrailTrail, t.Arn,
                $"Organization trail '{t.Name}' is multi-Region, logging and validating log files",
                $"Organization trail '{t.Name}' in {CheckText.Account(inventory.Account)} records every account in every "
                + "Region, is logging, and has log file validation on.",
                TrailDetails(t)));
        }

        // One trail might be complete once its status can be read: not a failure of the organization.
        if (orgTrails.Any(t => IsComplete(t) is null))
        {
            return [];
        }

        return orgTrails.Select(t => Incomplete(inventory, t));
    }

    /// <summary>True when complete, false when known incomplete, null when only the unknown logging status is in doubt.</summary>
    private static bool? IsComplete(Trail trail)
    {
        if (!trail.IsOrganizationTrail || !trail.IsMultiRegionTrail || !trail.LogFileValidationEnabled || trail.IsLogging == false)
        {
            return false;
        }

        return trail.IsLogging;
    }

    private static CheckResult NoOrganizationTrail(AccountInventory inventory, List<Trail> trails)
    {
        var account = CheckText.Account(inventory.Account);
        var others = trails.Count == 0
            ? "No trails exist in it at all."
            : $"Its {CheckText.Count(trails.Count, "trail", "trails")} ({string.Join(", ", trails.Select(t => $"'{t.Name}'"))}) "
              + "record this account only.";
        return Definition.Failed(
            inventory, Severity.High, inventory.HomeRegion, ResourceTypes.Account,
            ResourceTypes.AccountResourceId(inventory.Account.Id),
            "No CloudTrail organization trail exists",
            $"The organization's management account, {account}, has no CloudTrail organization trail. {others} Without an "
            + "organization trail, API activity in member accounts is recorded only if each account sets up its own trail, "
            + "and whoever controls a member account can turn that off: incidents there cannot be investigated.",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Trails"] = string.Join(",", trails.Select(t => t.Name)),
            });
    }

    private static CheckResult Incomplete(AccountInventory inventory, Trail trail)
    {
        var problems = new List<string>();
        if (trail.IsLogging == false)
        {
            problems.Add("is not logging");
        }

        if (!trail.IsMultiRegionTrail)
        {
            problems.Add($"is single-Region (records only {trail.HomeRegion})");
        }

        if (!trail.LogFileValidationEnabled)
        {
            problems.Add("has log file validation off");
        }

        var why = new List<string>();
        if (trail.IsLogging == false)
        {
            why.Add("While it is stopped, no API activity in any account of the organization is recorded.");
        }

        if (!trail.IsMultiRegionTrail)
        {
            why.Add("Activity in every other Region, where an attacker would rather work, goes unrecorded.");
        }

        if (!trail.LogFileValidationEnabled)
        {
            why.Add("Without digest files, nobody can prove the logs were not altered or deleted after delivery.");
        }

        if (trail.IsLogging is null)
        {
            why.Add("Its logging status could not be read in this scan.");
        }

        var title = $"Organization trail '{trail.Name}' {CheckText.JoinAnd(problems)}";
        return Definition.Failed(
            inventory,
            trail.IsLogging == false ? Severity.High : Severity.Medium,
            trail.HomeRegion,
            ResourceTypes.CloudTrailTrail,
            trail.Arn,
            title,
            $"{title}, in {CheckText.Account(inventory.Account)}; it is the organization's only record of activity in its "
            + $"accounts. {string.Join(' ', why)}",
            TrailDetails(trail));
    }

    private static Dictionary<string, string> TrailDetails(Trail trail)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Name"] = trail.Name,
            ["HomeRegion"] = trail.HomeRegion,
            ["IsOrganizationTrail"] = trail.IsOrganizationTrail ? "true" : "false",
            ["IsMultiRegionTrail"] = trail.IsMultiRegionTrail ? "true" : "false",
            ["LogFileValidationEnabled"] = trail.LogFileValidationEnabled ? "true" : "false",
            ["IsLogging"] = trail.IsLogging switch { true => "true", false => "false", null => "unknown" },
        };
        if (trail.S3BucketName is { Length: > 0 } bucket)
        {
            details["S3BucketName"] = bucket;
        }

        return details;
    }
}
