using Scanner.Functions.Tests.Support;
using Scanner.Lambda.Permissions;
using YamlDotNet.RepresentationModel;
using static Scanner.Functions.Tests.Templates.CloudFormationYaml;

namespace Scanner.Functions.Tests.Templates;

public sealed class IamPolicyTests
{
    /// <summary>
    /// Actions that may be granted on Resource "*": read-only list/describe calls for which the Service
    /// Authorization Reference lists no resource type (so nothing narrower works).
    /// Adding an action here needs the same justification, next to the statement in the template.
    /// </summary>
    public static readonly IReadOnlySet<string> MayUseWildcardResource = new HashSet<string>(StringComparer.Ordinal)
    {
        "organizations:ListRoots",
        "organizations:DescribeOrganization",
        "cloudtrail:DescribeTrails",
        "iam:ListUsers",
        "iam:GenerateCredentialReport",
        "iam:GetCredentialReport",
        "iam:ListOrganizationsFeatures",
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

    public static TheoryData<string> Templates => ["template.yaml", "audit-role.yaml", "member-events.yaml"];

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
        // A resource policy may admit any principal of the organization (the change bus): "*" with aws:PrincipalOrgID.
        foreach (var statement in Load(file).Statements().Where(s => s.IsTrustPolicy && !s.AdmitsOnlyTheOrganization))
        {
            var principal = Get(statement.Node, "Principal")!;
            Strings(principal).Should().NotContain("*", statement.Where);
            Descendants(principal).OfType<YamlScalarNode>().Select(s => s.Value).Should().NotContain("*", statement.Where);
        }
    }

    [Fact]
    public void The_audit_role_grants_exactly_what_the_collectors_and_the_publisher_call()
    {
        var granted = Load("audit-role.yaml").Statements().Where(s => !s.IsTrustPolicy).SelectMany(s => s.Actions).ToList();

        granted.Should().OnlyHaveUniqueItems();
        granted.Should().BeEquivalentTo(RolePermissions.AuditRole, "a grant without a call, or a call without a grant, is a bug");
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
        principals.Should().Equal(["ScannerRoleArn"], "only the account scanner assumes the audit role");
        var condition = Get(statement, "Condition")!;
        Descendants(condition).OfType<YamlScalarNode>().Select(s => s.Value).Should().Contain("aws:PrincipalOrgID").And.Contain("sts:ExternalId");
        Scalar(Get(role, "Properties", "MaxSessionDuration")).Should().Be("3600");
    }

    public static TheoryData<string, string> FunctionRoles => new()
    {
        { "DispatcherRole", "DispatcherLogsPolicy" },
        { "AccountScannerRole", "AccountScannerLogsPolicy" },
    };

    [Theory]
    [MemberData(nameof(FunctionRoles))]
    public void Each_function_role_grants_exactly_what_its_code_calls(string roleId, string logsPolicyId)
    {
        var template = Load("template.yaml");
        var expected = roleId == "DispatcherRole" ? RolePermissions.Dispatcher : RolePermissions.AccountScanner;

        var granted = new PolicyStatementsOf(template.Resource(roleId)).Actions;
        granted.Should().OnlyHaveUniqueItems();
        granted.Should().BeEquivalentTo(expected, $"{roleId}: a grant without a call, or a call without a grant, is a bug");

        var logs = Descendants(Get(template.Resource(logsPolicyId), "Properties", "PolicyDocument")!)
            .OfType<YamlMappingNode>().Where(node => Has(node, "Effect")).SelectMany(node => Strings(Get(node, "Action")));
        logs.Should().BeEquivalentTo(RolePermissions.FunctionLogs);
    }

    [Fact]
    public void Every_action_the_templates_grant_is_one_the_code_needs()
    {
        var needed = RolePermissions.Dispatcher.Concat(RolePermissions.AccountScanner).Concat(RolePermissions.AuditRole)
            .Concat(RolePermissions.FunctionLogs).Concat(RolePermissions.ChangeForwarding).ToHashSet(StringComparer.Ordinal);

        foreach (var file in new[] { "template.yaml", "audit-role.yaml", "member-events.yaml" })
        {
            foreach (var statement in Load(file).Statements().Where(s => !s.IsTrustPolicy))
            {
                statement.Actions.Should().OnlyContain(action => needed.Contains(action), $"{statement.Where} grants only what some code calls");
            }
        }
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
