using System.Text.Json;
using Scanner.Aws.Collectors;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

namespace Scanner.Aws.Tests.Collectors;

/// <summary>
/// moto's tagging API lists neither GuardDuty detectors nor Config recorders, rules, Security Hub hubs or Access
/// Analyzer analyzers, so this is proven on a recorded GetResources answer (ResourceTagMappingList as botocore's
/// resourcegroupstaggingapi model shapes it), read by the collector's own mapping and judged by the Region check.
/// </summary>
public sealed class SecurityToolingRegionTests
{
    private const string Member = "111122223333";
    private const string Unapproved = "ap-south-1";

    private const string GetResourcesAnswer = $$"""
        {"PaginationToken":"","ResourceTagMappingList":[
          {"ResourceARN":"arn:aws:guardduty:{{Unapproved}}:{{Member}}:detector/12abc34d567e8fa901bc2d34e56789f0","Tags":[]},
          {"ResourceARN":"arn:aws:config:{{Unapproved}}:{{Member}}:configuration-recorder/default/3zjxgkdhzfuw2nwe","Tags":[]},
          {"ResourceARN":"arn:aws:config:{{Unapproved}}:{{Member}}:config-rule/config-rule-abc123","Tags":[{"Key":"aws:cloudformation:stack-name","Value":"StackSet-org-config-rules-1f2e"}]},
          {"ResourceARN":"arn:aws:securityhub:{{Unapproved}}:{{Member}}:hub/default","Tags":[]},
          {"ResourceARN":"arn:aws:access-analyzer:{{Unapproved}}:{{Member}}:analyzer/account-analyzer","Tags":[]},
          {"ResourceARN":"arn:aws:cloudformation:{{Unapproved}}:{{Member}}:stack/StackSet-org-security-baseline-1f2e3d4c/6a8f5e10-0000-11ef-8000-0a1b2c3d4e5f","Tags":[]},
          {"ResourceARN":"arn:aws:dynamodb:{{Unapproved}}:{{Member}}:table/orders","Tags":[{"Key":"owner","Value":"payments-team"}]}
        ]}
        """;

    [Fact]
    public void Security_tooling_and_stackset_instances_in_an_unapproved_region_are_not_findings_but_a_table_is()
    {
        var answer = JsonSerializer.Deserialize(GetResourcesAnswer, AwsJsonContext.Default.GetResourcesResponse)!;
        var inventory = new AccountInventory
        {
            Account = new OrganizationAccount { Id = Member, Name = "payments-prod" },
            HomeRegion = "us-east-1",
            CollectedAt = DateTimeOffset.UnixEpoch,
            Resources = [.. answer.ResourceTagMappingList!.Select(m => RegionalResourceCollector.FromTagging(m, Unapproved))],
        };
        var policy = new AccountPolicy { ApprovedRegions = new HashSet<string>(StringComparer.Ordinal) { "us-east-1", "eu-west-1" } };

        var results = new ResourceOutsideApprovedRegionCheck().Evaluate(inventory, policy).ToList();

        inventory.Resources.Should().HaveCount(7);
        results.Should().ContainSingle().Which.Title.Should().Be("DynamoDB table 'orders' is in ap-south-1, outside the approved Regions");
    }
}
