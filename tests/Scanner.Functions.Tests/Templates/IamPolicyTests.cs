using Scanner.Functions.Tests.Support;
using YamlDotNet.RepresentationModel;
using static Scanner.Functions.Tests.Templates.CloudFormationYaml;

namespace Scanner.Functions.Tests.Templates;

public sealed class IamPolicyTests
{
    /// <summary>
    /// Actions that may be granted on Resource "*": read-only list/describe calls for which the Service
    /// Authorization Reference lists no resource type (so nothing narrower works), plus the two Config describes
    /// whose recorder ARN is only an optional filter (an unfiltered call is authorized against "*").
    /// Adding an action here needs the same justification, next to the statement in the template.
    /// </summary>
    public static readonly IReadOnlySet<string> MayUseWildcardResource = new HashSet<string>(StringComparer.Ordinal)
    {
        "organizations:ListAccounts",
        "organizations:ListRoots",
        "organizations:DescribeOrganization",
        "cloudtrail:DescribeTrails",
        "iam:ListUsers",
        "iam:ListRoles",
        "iam:GenerateCredentialReport",
        "iam:GetCredentialReport",
        "ec2:DescribeRegions",
        "ec2:DescribeInstances",
        "lambda:ListFunctions",
        "tag:GetResources",
        "config:DescribeConfigurationRecorders",
        "config:DescribeConfigurationRecorderStatus",
        "config:DescribeDeliveryChannels",
        "guardduty:ListDetectors",
        "organizations:ListDelegatedAdministrators",
    };

    public static TheoryData<string> Templates => ["template.yaml", "audit-role.yaml"];

    private static CloudFormationYaml Load(string file) => CloudFormationYaml.Load(Repository.PathOf(file));

    [Theory]
    [MemberData(nameof(Templates))]
    public void Short_form_intrinsics_are_read(string file)
    {
        var template = Load(file);

        Descendants(template.Root).Should().Contain(node => TagOf(node) == "!Ref")
            .And.Contain(node => TagOf(node) == "!Sub");
        template.Statements().Should().NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void No_action_is_a_wildcard(string file)
    {
        foreach (var statement in Load(file).Statements())
        {
            CloudFormationYaml.Has(statement.Node, "NotAction").Should().BeFalse($"{statement.Where} uses NotAction");
            statement.Actions.Should().NotContain(action => action.Contains('*'), $"{statement.Where} grants a wildcard action");
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Only_allow_listed_actions_are_granted_on_every_resource(string file)
    {
        foreach (var statement in Load(file).Statements())
        {
            CloudFormationYaml.Has(statement.Node, "NotResource").Should().BeFalse($"{statement.Where} uses NotResource");
            statement.Effect.Should().Be("Allow", statement.Where);
            if (statement.Resources.Contains("*"))
            {
                statement.Actions.Should().OnlyContain(action => MayUseWildcardResource.Contains(action), $"{statement.Where} grants Resource \"*\"");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Trust_policies_name_their_principals(string file)
    {
        foreach (var statement in Load(file).Statements().Where(s => s.IsTrustPolicy))
        {
            var principal = Get(statement.Node, "Principal")!;
            Strings(principal).Should().NotContain("*", statement.Where);
            Descendants(principal).OfType<YamlScalarNode>().Select(s => s.Value).Should().NotContain("*", statement.Where);
        }
    }

    [Fact]
    public void The_audit_role_grants_exactly_the_scanners_read_calls()
    {
        var granted = Load("audit-role.yaml").Statements().Where(s => !s.IsTrustPolicy).SelectMany(s => s.Actions);

        granted.Should().BeEquivalentTo(
            "iam:ListUsers", "iam:ListUserTags", "iam:ListAccessKeys", "iam:GetAccessKeyLastUsed", "iam:ListMFADevices",
            "iam:GetLoginProfile", "iam:GenerateCredentialReport", "iam:GetCredentialReport", "iam:ListRoles",
            "cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "ec2:DescribeRegions", "ec2:DescribeInstances",
            "lambda:ListFunctions", "tag:GetResources", "config:DescribeConfigurationRecorders",
            "config:DescribeConfigurationRecorderStatus", "securityhub:BatchImportFindings", "securityhub:GetFindings",
            "config:DescribeDeliveryChannels", "securityhub:DescribeHub", "guardduty:ListDetectors", "guardduty:GetDetector");
    }

    [Fact]
    public void The_audit_role_trusts_only_the_scanner_roles_within_the_organization()
    {
        var role = Load("audit-role.yaml").Resource("AuditRole");
        var trust = (YamlSequenceNode)Get(role, "Properties", "AssumeRolePolicyDocument", "Statement")!;

        trust.Children.Should().ContainSingle();
        var statement = trust.Children[0];
        Get(statement, "Principal", "Service").Should().BeNull();
        var principals = Descendants(Get(statement, "Principal", "AWS")!).OfType<YamlScalarNode>().Select(s => s.Value).ToList();
        principals.Should().Contain("ScannerRoleArn").And.Contain("DispatcherRoleArn").And.Contain("HasDispatcherRole");
        var condition = Get(statement, "Condition")!;
        Descendants(condition).OfType<YamlScalarNode>().Select(s => s.Value).Should().Contain("aws:PrincipalOrgID").And.Contain("sts:ExternalId");
        Scalar(Get(role, "Properties", "MaxSessionDuration")).Should().Be("3600");
    }

    [Fact]
    public void The_dispatcher_role_grants_exactly_its_calls()
    {
        var role = Load("template.yaml").Resource("DispatcherRole");
        var granted = new PolicyStatementsOf(role).Actions.Distinct();

        granted.Should().BeEquivalentTo(
            "organizations:ListAccounts", "organizations:ListParents", "organizations:ListRoots",
            "organizations:ListOrganizationalUnitsForParent", "organizations:ListTagsForResource",
            "organizations:DescribeOrganization", "organizations:DescribeAccount", "organizations:ListPoliciesForTarget",
            "organizations:DescribePolicy", "cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "sqs:SendMessage",
            "sts:AssumeRole", "organizations:ListDelegatedAdministrators", "organizations:ListDelegatedServicesForAccount");
    }

    [Fact]
    public void The_scanner_role_grants_exactly_its_calls()
    {
        var role = Load("template.yaml").Resource("AccountScannerRole");

        new PolicyStatementsOf(role).Actions.Should().BeEquivalentTo(
            "sts:AssumeRole", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
            "sqs:GetQueueAttributes", "securityhub:BatchImportFindings", "securityhub:GetFindings");
    }

    [Fact]
    public void Functions_use_the_templates_roles_so_SAM_attaches_no_managed_policies()
    {
        var template = Load("template.yaml");

        foreach (var (logicalId, function) in template.ResourcesOfType("AWS::Serverless::Function"))
        {
            Get(function, "Properties", "Role").Should().NotBeNull($"{logicalId} must name its role");
            Get(function, "Properties", "Policies").Should().BeNull(logicalId);
        }

        Descendants(template.Root).OfType<YamlScalarNode>().Select(s => s.Value).Should().NotContain("ManagedPolicyArns");
    }

    /// <summary>The statements of a role's inline policies (not its trust policy).</summary>
    private sealed class PolicyStatementsOf(YamlMappingNode role)
    {
        public IReadOnlyList<string> Actions { get; } =
        [
            .. Descendants(Get(role, "Properties", "Policies")!)
                .OfType<YamlMappingNode>()
                .Where(node => Has(node, "Effect"))
                .SelectMany(node => Strings(Get(node, "Action"))),
        ];
    }
}
