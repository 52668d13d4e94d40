using System.Text.RegularExpressions;
using Scanner.Core.Policy;
using Scanner.Functions.Tests.Support;
using static Scanner.Functions.Tests.Templates.CloudFormationYaml;

namespace Scanner.Functions.Tests.Templates;

/// <summary>
/// One set of rules: each template parameter that becomes a function setting accepts exactly what the policy's
/// validation (which FunctionSettings applies) accepts, so `sam deploy` refuses what the function would refuse at
/// init, and nothing it would accept. The same good and bad samples go through both.
/// </summary>
public sealed class ParameterPatternTests
{
    private static readonly CloudFormationYaml Template = CloudFormationYaml.Load(Repository.PathOf("template.yaml"));

    public static TheoryData<string, string> Samples()
    {
        var data = new TheoryData<string, string>();
        void Add(string parameter, params string[] samples)
        {
            foreach (var sample in samples)
            {
                data.Add(parameter, sample);
            }
        }

        Add("AuditRoleName",
            "OrganizationComplianceAudit", "a", "x+=,.@_-", new string('r', 64), new string('r', 65), "", "has space",
            "with/slash", "Audit\u0660", "Audit\n", "Audit\u00e9", "Audit*");
        Add("ExternalId",
            "", "ab", "scanner-7f3a", "a:b/c@d", new string('e', 1224), new string('e', 1225), "a", "with space", "\u043a\u043b\u044e\u0447", "tab\tbed");
        Add("OrganizationReadRoleArn",
            "", "arn:aws:iam::111122223333:role/OrgRead", "arn:aws-us-gov:iam::111122223333:role/path/to/OrgRead",
            "arn:aws-cn:iam::111122223333:role/Org+Read@x", "OrgRead", "arn:aws:iam::11112222333:role/OrgRead",
            "arn:aws:iam::111122223333:user/OrgRead", "arn:aws:iam::11112222333\u0663:role/OrgRead", "arn:aws:iam::111122223333:role/",
            "arn:aws:iam::111122223333:role/Org Read");
        Add("PolicyUri",
            "", "s3://bucket/key", "s3://my.bucket-1/policies/scan-policy.yaml", "s3://abc/a b.yaml", "s3://bucket-only",
            "s3://bucket/", "s3://Bucket/key", "s3://ab/key", "https://bucket/key", "s3://bucket/key\nmore", "s3://-bucket/key");
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_parameters_pattern_and_the_policys_rule_agree(string parameter, string sample)
    {
        var pattern = Scalar(Get(Template.Root, "Parameters", parameter, "AllowedPattern"));
        pattern.Should().NotBeNull($"{parameter} has an AllowedPattern");

        // CloudFormation matches AllowedPattern against the whole value.
        var template = Regex.IsMatch(sample, $"\\A(?:{pattern})\\z", RegexOptions.CultureInvariant);
        var policy = Rule(parameter, sample);

        template.Should().Be(policy, $"{parameter} = '{sample}': the template {(template ? "accepts" : "refuses")} it, the function {(policy ? "accepts" : "refuses")} it");
    }

    [Fact]
    public void The_samples_hold_both_verdicts_for_every_parameter()
    {
        foreach (var group in Samples().Select(row => ((string)row[0], (string)row[1])).GroupBy(row => row.Item1))
        {
            group.Select(row => Rule(row.Item1, row.Item2)).Distinct().Should().HaveCount(2, $"{group.Key} needs good and bad samples");
        }
    }

    [Fact]
    public void The_template_passes_no_scan_policy_values_beside_the_policy_document()
    {
        var variables = Get(Template.Root, "Globals", "Function", "Environment", "Variables")!;

        Strings(Get(variables, "POLICY_URI")).Should().NotBeEmpty();
        Strings(Get(variables, "SCANNER_STACK_NAME")).Should().Equal("!Ref AWS::StackName");
        foreach (var variable in Lambda.Configuration.FunctionSettings.PolicyVariables)
        {
            Descendants(Template.Root).OfType<YamlDotNet.RepresentationModel.YamlScalarNode>().Select(s => s.Value).Should().NotContain(variable);
        }

        Get(Template.Root, "Parameters", "ApprovedRegions").Should().BeNull();
        Get(Template.Root, "Parameters", "RequiredTags").Should().BeNull();
        Get(Template.Root, "Parameters", "MaxKeyAgeDays").Should().BeNull();
    }

    /// <summary>What the function accepts (an empty value is an unset variable, which only the optional ones allow).</summary>
    private static bool Rule(string parameter, string value) => parameter switch
    {
        "AuditRoleName" => PolicyValidation.RoleNameProblem(value) is null,
        "ExternalId" => value.Length == 0 || PolicyValidation.ExternalIdProblem(value) is null,
        "OrganizationReadRoleArn" => value.Length == 0 || PolicyValidation.RoleArnProblem(value) is null,
        "PolicyUri" => value.Length == 0 || PolicyValidation.S3UriProblem(value) is null,
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "no rule"),
    };
}
