namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Core.Resources;

/// <summary>Which required tags a set of tags lacks, and which it carries with an empty value.</summary>
internal sealed record TagShortfall(IReadOnlyList<string> Missing, IReadOnlyList<string> Empty)
{
    public IReadOnlyList<string> All { get; } = [.. Missing.Concat(Empty).Order(StringComparer.Ordinal)];

    public bool IsEmpty => All.Count == 0;

    public static TagShortfall Of(IReadOnlyDictionary<string, string> tags, IReadOnlyList<string> required)
    {
        var missing = new List<string>();
        var empty = new List<string>();
        foreach (var key in required.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!tags.TryGetValue(key, out var value))
            {
                missing.Add(key);
            }
            else if (string.IsNullOrWhiteSpace(value))
            {
                empty.Add(key);
            }
        }

        return new TagShortfall(missing, empty);
    }

    /// <summary>"It has no 'cost-center' tag, and its 'owner' tag is set to an empty value."</summary>
    public string Explain()
    {
        var parts = new List<string>();
        if (Missing.Count > 0)
        {
            parts.Add($"it has no {Quoted(Missing)} tag{(Missing.Count == 1 ? "" : "s")}");
        }

        if (Empty.Count > 0)
        {
            parts.Add($"its {Quoted(Empty)} tag{(Empty.Count == 1 ? " is" : "s are")} set to an empty value");
        }

        var text = string.Join(", and ", parts);
        return "I" + text[1..] + ".";
    }

    private static string Quoted(IReadOnlyList<string> keys) => CheckText.JoinAnd([.. keys.Select(k => $"'{k}'")]);
}

/// <summary>
/// tag.account-missing-required: the account itself (its tags in AWS Organizations) lacks a required tag or
/// carries it empty. One result per account. Nothing when no tags are required, or when the account's tags
/// could not be read (a gap in Organizations would make every tag look missing).
/// </summary>
public sealed class AccountMissingRequiredTagsCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "tag.account-missing-required",
        Title = "Account missing required tags",
        Severity = Severity.Low,
        Description = "Accounts whose AWS Organizations tags lack a tag the policy requires, or carry it with an empty value.",
        Remediation =
            "In the management account, AWS Organizations console > AWS accounts > select the account > Tags > Manage tags, "
            + "and add each missing tag with a value; or aws organizations tag-resource --resource-id ACCOUNT_ID --tags "
            + "Key=cost-center,Value=VALUE. Add the tags to the account-vending process (Control Tower Account Factory or the "
            + "pipeline that creates accounts) so new accounts arrive with them.",
        RemediationUrl = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_tagging.html",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [DataSource.Organizations],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.RequiredTags.Count == 0 || CheckText.HasGap(inventory, DataSource.Organizations))
        {
            yield break;
        }

        var account = CheckText.Account(inventory.Account);
        var resourceId = ResourceTypes.AccountResourceId(inventory.Account.Id);
        var required = string.Join(", ", policy.RequiredTags.Order(StringComparer.Ordinal));
        var shortfall = TagShortfall.Of(inventory.Account.Tags, policy.RequiredTags);
        if (shortfall.IsEmpty)
        {
            yield return Definition.Passed(
                inventory, inventory.HomeRegion, ResourceTypes.Account, resourceId,
                $"{Capitalized(account)} has every required tag",
                $"{Capitalized(account)} carries every tag the policy requires ({required}).");
            yield break;
        }

        var title = $"{Capitalized(account)} is missing required tags: {string.Join(", ", shortfall.All)}";
        var description =
            $"{Capitalized(account)} lacks tags the policy requires of every account. {shortfall.Explain()} Account tags "
            + "tell who owns an account and who pays for it; without them nobody can be asked about a finding, "
            + "and costs cannot be charged back.";
        yield return Definition.Failed(
            inventory, Severity.Low, inventory.HomeRegion, ResourceTypes.Account, resourceId, title, description,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["MissingTags"] = string.Join(",", shortfall.All),
                ["RequiredTags"] = required,
            });
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}

/// <summary>
/// tag.resource-missing-required: each resource (EC2, Lambda, anything the tagging API lists) lacking a required
/// tag or carrying it empty fails; a fully tagged resource passes. Nothing when no tags are required. What AWS
/// services create for themselves (the registry's service-managed and security-tooling roles) is not asked.
/// </summary>
public sealed class ResourceMissingRequiredTagsCheck : ICheck
{
    public static CheckMetadata Definition { get; } = new()
    {
        Id = "tag.resource-missing-required",
        Title = "Resource missing required tags",
        Severity = Severity.Low,
        Description =
            "Resources that lack a tag the policy requires, or carry it with an empty value. Resources AWS services create for "
            + "themselves (service-linked roles, AWS managed keys, service log groups, security tooling) are not asked.",
        Remediation =
            "Add the missing tags in the resource's infrastructure code so they survive the next deployment. For resources "
            + "made by hand: Resource Groups & Tag Editor console > Tag Editor > find the resource > Manage tags of selected "
            + "resources; or aws resourcegroupstaggingapi tag-resources --resource-arn-list ARN --tags cost-center=VALUE. "
            + "A tag policy, and default tags in CloudFormation or Terraform, stop untagged resources from coming back.",
        RemediationUrl = "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html",
        FindingTypes = [FindingTypes.BestPractices],
        DataSources = [DataSource.Ec2, DataSource.Lambda, DataSource.Tagging],
    };

    public CheckMetadata Metadata => Definition;

    public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.RequiredTags.Count == 0)
        {
            yield break;
        }

        var account = CheckText.Account(inventory.Account);
        var required = string.Join(", ", policy.RequiredTags.Order(StringComparer.Ordinal));
        foreach (var resource in CheckText.DistinctResources(inventory).Where(r => r.Type.Role.IsAskedForTags()))
        {
            var what = CheckText.Describe(resource);
            var region = CheckText.RegionOf(resource, inventory);
            var shortfall = TagShortfall.Of(resource.Tags, policy.RequiredTags);
            if (shortfall.IsEmpty)
            {
                yield return Definition.Passed(
                    inventory, resource,
                    $"{what} has every required tag",
                    $"{what} in {account}, {region}, carries every tag the policy requires ({required}).");
                continue;
            }

            var title = $"{what} is missing required tags: {string.Join(", ", shortfall.All)}";
            var description =
                $"{what} ({resource.Type}) in {account}, {region}, lacks tags the policy requires of every resource. "
                + $"{shortfall.Explain()} Without them nobody can tell who owns the resource or what it costs, and "
                + "untagged resources are the ones left running after a project ends.";
            yield return Definition.Failed(
                inventory, Severity.Low, resource, title, description,
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["Type"] = resource.Type.Name,
                    ["Id"] = resource.Id,
                    ["MissingTags"] = string.Join(",", shortfall.All),
                    ["RequiredTags"] = required,
                });
        }
    }
}
