namespace Scanner.Core.Tests.Guardrails;

using Scanner.Core.Guardrails;
using Scanner.Core.Inventory;
using Scanner.Testing.Inventory;
using static Scanner.Testing.Inventory.GuardrailMake;

public sealed class GuardrailEvaluatorTests
{
    /// <summary>An account under the root and one OU, FullAWSAccess everywhere, plus the given policies at the root.</summary>
    private static OrganizationGuardrails AtRoot(params ServiceControlPolicy[] policies) => Path(
        [FullAwsAccess, .. policies], [FullAwsAccess], [FullAwsAccess]);

    private static OrganizationGuardrails Path(ServiceControlPolicy[] root, ServiceControlPolicy[] ou, ServiceControlPolicy[] account) => new()
    {
        PolicyPath =
        [
            new PolicyTarget("r-ab12", "Root", PolicyTargetKind.Root, root),
            new PolicyTarget("ou-ab12-workload", "Workloads", PolicyTargetKind.OrganizationalUnit, ou),
            new PolicyTarget("111122223333", "member", PolicyTargetKind.Account, account),
        ],
    };

    private static GuardrailAnswer Ask(OrganizationGuardrails guardrails, string action, string region, string? resource = null) =>
        new GuardrailEvaluator(guardrails).Evaluate(new GuardrailQuestion(action, region, resource));

    [Fact]
    public void Aws_region_deny_denies_regional_calls_outside_the_approved_regions_and_names_the_two_bypass_roles()
    {
        var guardrails = AtRoot(Scp("RegionDeny", RealWorldPolicies.AwsRegionDeny));

        var outside = Ask(guardrails, "ec2:RunInstances", "us-east-1");
        outside.Verdict.Should().Be(GuardrailVerdict.Denied);
        outside.ExemptedPrincipals.Should().Equal(
            "arn:aws:iam::*:role/Role1AllowedToBypassThisSCP", "arn:aws:iam::*:role/Role2AllowedToBypassThisSCP");
        outside.DeniedBy.Should().ContainSingle().Which.Should().Contain("RegionDeny").And.Contain("DenyAllOutsideEU").And.Contain("the root (r-ab12)");

        Ask(guardrails, "ec2:RunInstances", "eu-west-1").Verdict.Should().Be(GuardrailVerdict.NotDenied);
        Ask(guardrails, "EC2:runinstances", "ap-south-1").Verdict.Should().Be(GuardrailVerdict.Denied, "actions match case-insensitively");
    }

    [Fact]
    public void Aws_region_deny_leaves_the_global_services_of_its_NotAction_list_open_everywhere()
    {
        var guardrails = AtRoot(Scp("RegionDeny", RealWorldPolicies.AwsRegionDeny));

        Ask(guardrails, "iam:CreateUser", "us-east-1").Verdict.Should().Be(GuardrailVerdict.NotDenied);
        Ask(guardrails, "s3:GetAccountPublicAccessBlock", "us-east-1").Verdict.Should().Be(GuardrailVerdict.NotDenied, "s3:GetAccountPublic* is a carve-out");
        Ask(guardrails, "s3:CreateBucket", "us-east-1").Verdict.Should().Be(GuardrailVerdict.Denied);
    }

    [Fact]
    public void Control_tower_region_deny_exempts_its_execution_role_and_keeps_wildcard_carve_outs()
    {
        var guardrails = AtRoot(Scp("aws-guardrails-RegionDeny", RealWorldPolicies.ControlTowerRegionDeny));

        var sydney = Ask(guardrails, "lambda:CreateFunction", "ap-southeast-2");
        sydney.Verdict.Should().Be(GuardrailVerdict.Denied);
        sydney.ExemptedPrincipals.Should().Equal("arn:aws:iam::*:role/AWSControlTowerExecution");

        Ask(guardrails, "lightsail:GetInstances", "ap-southeast-2").Verdict.Should().Be(GuardrailVerdict.NotDenied, "lightsail:Get* is carved out");
        Ask(guardrails, "lightsail:CreateInstances", "ap-southeast-2").Verdict.Should().Be(GuardrailVerdict.Denied);
        Ask(guardrails, "lambda:CreateFunction", "eu-west-1").Verdict.Should().Be(GuardrailVerdict.NotDenied, "eu-west-1 is governed");
    }

    [Fact]
    public void A_deny_scoped_to_some_trails_does_not_protect_every_trail_but_protects_those_it_names()
    {
        var guardrails = AtRoot(Scp("aws-guardrails-CloudTrail", RealWorldPolicies.ControlTowerCloudTrailProtection));

        var anyTrail = Ask(guardrails, "cloudtrail:StopLogging", "us-east-1");
        anyTrail.Verdict.Should().Be(GuardrailVerdict.NotDenied);
        anyTrail.Notes.Should().ContainSingle().Which.Should().Contain("only for some resources").And.Contain("trail/aws-controltower-*");

        var controlTowerTrail = Ask(guardrails, "cloudtrail:StopLogging", "us-east-1", "arn:aws:cloudtrail:us-east-1:111122223333:trail/aws-controltower-BaselineCloudTrail");
        controlTowerTrail.Verdict.Should().Be(GuardrailVerdict.Denied);
        controlTowerTrail.ExemptedPrincipals.Should().Equal("arn:aws:iam::*:role/AWSControlTowerExecution");
    }

    [Theory]
    [InlineData("cloudtrail:StopLogging")]
    [InlineData("cloudtrail:DeleteTrail")]
    [InlineData("cloudtrail:UpdateTrail")]
    [InlineData("cloudtrail:PutEventSelectors")]
    public void CloudTrail_protection_with_a_privileged_role_exemption_denies_every_changing_call_and_names_the_role(string action)
    {
        var answer = Ask(AtRoot(Scp("ProtectCloudTrail", RealWorldPolicies.CloudTrailProtectionWithBreakGlass)), action, "eu-west-1");

        answer.Verdict.Should().Be(GuardrailVerdict.Denied);
        answer.ExemptedPrincipals.Should().Equal("arn:aws:iam::*:role/name-of-admin-role-to-allow");
        Ask(AtRoot(Scp("ProtectCloudTrail", RealWorldPolicies.CloudTrailProtectionWithBreakGlass)), "cloudtrail:StartLogging", "eu-west-1")
            .Verdict.Should().Be(GuardrailVerdict.NotDenied);
    }

    [Fact]
    public void Two_denies_exempt_only_the_principals_both_exempt()
    {
        var second = Scp("StopLoggingNobody", """{"Statement":{"Effect":"Deny","Action":"cloudtrail:StopLogging","Resource":"*"}}""");
        var answer = Ask(AtRoot(Scp("ProtectCloudTrail", RealWorldPolicies.CloudTrailProtectionWithBreakGlass), second), "cloudtrail:StopLogging", "eu-west-1");

        answer.Verdict.Should().Be(GuardrailVerdict.Denied);
        answer.ExemptedPrincipals.Should().BeEmpty("the second deny spares nobody");
        answer.DeniedBy.Should().HaveCount(2);
    }

    [Fact]
    public void An_allow_list_attached_at_one_OU_implicitly_denies_what_it_leaves_out_there_and_only_there()
    {
        var allowList = Scp("WorkloadServices", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:*","s3:*","cloudtrail:*"],"Resource":"*"}]}
            """);
        var underAllowList = Path([FullAwsAccess], [allowList], [FullAwsAccess]);
        var elsewhere = Path([FullAwsAccess], [FullAwsAccess], [FullAwsAccess]);

        var denied = Ask(underAllowList, "iam:CreateUser", "us-east-1");
        denied.Verdict.Should().Be(GuardrailVerdict.Denied);
        denied.DeniedBy.Should().BeEmpty();
        denied.ExemptedPrincipals.Should().BeEmpty("an implicit deny spares nobody");
        denied.Notes.Should().ContainSingle().Which.Should().Contain("OU 'Workloads'").And.Contain("implicitly denied");

        Ask(underAllowList, "ec2:RunInstances", "us-east-1").Verdict.Should().Be(GuardrailVerdict.NotDenied);
        Ask(elsewhere, "iam:CreateUser", "us-east-1").Verdict.Should().Be(GuardrailVerdict.NotDenied);
    }

    [Fact]
    public void A_level_with_no_policy_attached_allows_nothing()
    {
        Ask(Path([FullAwsAccess], [], [FullAwsAccess]), "ec2:RunInstances", "us-east-1").Verdict.Should().Be(GuardrailVerdict.Denied);
    }

    [Fact]
    public void A_condition_on_a_key_the_scanner_does_not_know_makes_the_answer_cannot_tell_never_a_pass()
    {
        // aws:Region is not a condition key: the author meant aws:RequestedRegion, and AWS never matches it.
        var wrongKey = Scp("RegionDenyTypo", """
            {"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:Region":["eu-west-1"]}}}]}
            """);

        var answer = Ask(AtRoot(wrongKey), "ec2:RunInstances", "us-east-1");
        answer.Verdict.Should().Be(GuardrailVerdict.CannotTell);
        answer.Notes.Should().ContainSingle().Which.Should().Contain("aws:Region").And.Contain("RegionDenyTypo");

        Ask(AtRoot(Scp("RequireMfa", RealWorldPolicies.RequireMfaToStop)), "ec2:StopInstances", "us-east-1")
            .Verdict.Should().Be(GuardrailVerdict.CannotTell);
        Ask(AtRoot(Scp("RequireMfa", RealWorldPolicies.RequireMfaToStop)), "ec2:RunInstances", "us-east-1")
            .Verdict.Should().Be(GuardrailVerdict.NotDenied, "the statement does not name the action, so its condition does not matter");
    }

    [Fact]
    public void An_unknown_operator_makes_the_answer_cannot_tell()
    {
        var dated = Scp("Dated", """
            {"Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}]}
            """);

        Ask(AtRoot(dated), "organizations:LeaveOrganization", "us-east-1").Verdict.Should().Be(GuardrailVerdict.CannotTell);
    }

    [Fact]
    public void A_deny_aimed_at_the_root_user_does_not_deny_an_ordinary_principal()
    {
        Ask(AtRoot(Scp("RootEc2", RealWorldPolicies.RestrictEc2ForRoot)), "ec2:RunInstances", "us-east-1").Verdict.Should().Be(GuardrailVerdict.NotDenied);
    }

    [Fact]
    public void An_allow_with_a_condition_beside_FullAWSAccess_denies_nothing_but_alone_it_is_a_region_allow_list()
    {
        var allowInEu = Scp("AllowEuOnly", """
            {"Version":"2012-10-17","Statement":[{"Sid":"AllowEu","Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}
            """);

        Ask(Path([FullAwsAccess], [FullAwsAccess, allowInEu], [FullAwsAccess]), "ec2:RunInstances", "us-east-1")
            .Verdict.Should().Be(GuardrailVerdict.NotDenied);
        Ask(Path([FullAwsAccess], [allowInEu], [FullAwsAccess]), "ec2:RunInstances", "us-east-1")
            .Verdict.Should().Be(GuardrailVerdict.Denied);
        Ask(Path([FullAwsAccess], [allowInEu], [FullAwsAccess]), "ec2:RunInstances", "eu-west-1")
            .Verdict.Should().Be(GuardrailVerdict.NotDenied);
    }

    [Fact]
    public void Leaving_the_organization_is_denied_by_AWSs_example_for_every_principal()
    {
        var answer = Ask(Path([FullAwsAccess], [FullAwsAccess, Scp("DenyLeave", RealWorldPolicies.DenyLeaveOrganization)], [FullAwsAccess]),
            "organizations:LeaveOrganization", "us-east-1");

        answer.Verdict.Should().Be(GuardrailVerdict.Denied);
        answer.ExemptedPrincipals.Should().BeEmpty();
        answer.DeniedBy.Should().ContainSingle().Which.Should().Contain("OU 'Workloads'");
    }

    [Fact]
    public void A_policy_that_is_not_JSON_is_an_error_naming_the_policy_and_where_it_is_attached()
    {
        var broken = new ServiceControlPolicy("p-broken1", "HalfWritten", """{"Version":"2012-10-17","Statement":[{"Effect":"Deny",""");
        var answer = Ask(Path([FullAwsAccess], [FullAwsAccess, broken], [FullAwsAccess]), "ec2:RunInstances", "us-east-1");

        answer.Verdict.Should().Be(GuardrailVerdict.Error);
        answer.Errors.Should().ContainSingle().Which.Should().Contain("'HalfWritten' (p-broken1)").And.Contain("OU 'Workloads'").And.Contain("not valid JSON");
    }

    [Theory]
    [InlineData("""{"Statement":[{"Effect":"Forbid","Action":"*","Resource":"*"}]}""", "Effect 'Forbid'")]
    [InlineData("""{"Statement":[{"Effect":"Deny","Resource":"*"}]}""", "exactly one of Action and NotAction")]
    [InlineData("""{"Version":"2012-10-17"}""", "no Statement")]
    [InlineData("""{"Statement":[{"Effect":"Deny","Action":["ec2:*",3],"Resource":"*"}]}""", "Action must be a string or a list of strings")]
    public void A_document_that_is_JSON_but_not_a_policy_is_an_error_saying_what_is_wrong(string content, string problem)
    {
        var answer = Ask(AtRoot(new ServiceControlPolicy("p-odd", "Odd", content)), "ec2:RunInstances", "us-east-1");

        answer.Verdict.Should().Be(GuardrailVerdict.Error);
        answer.Errors.Should().ContainSingle().Which.Should().Contain(problem);
    }

    [Fact]
    public void String_and_list_forms_mean_the_same()
    {
        var asStrings = Scp("Strings", """
            {"Statement":{"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"},"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Ops"}}}}
            """);
        var asLists = Scp("Lists", """
            {"Statement":[{"Effect":"Deny","Action":["ec2:RunInstances"],"Resource":["*"],"Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]},"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/Ops"]}}}]}
            """);

        foreach (var policy in new[] { asStrings, asLists })
        {
            var answer = Ask(AtRoot(policy), "ec2:RunInstances", "us-west-2");
            answer.Verdict.Should().Be(GuardrailVerdict.Denied, policy.Name);
            answer.ExemptedPrincipals.Should().Equal("arn:aws:iam::*:role/Ops");
            Ask(AtRoot(policy), "ec2:RunInstances", "eu-west-1").Verdict.Should().Be(GuardrailVerdict.NotDenied, policy.Name);
        }
    }

    [Theory]
    [InlineData("ForAnyValue:StringNotEquals", true)]
    [InlineData("ForAllValues:StringNotEquals", true)]
    [InlineData("StringNotEqualsIfExists", true)]
    [InlineData("StringNotEqualsIgnoreCase", true)]
    [InlineData("StringNotLike", true)]
    [InlineData("StringEquals", false)]
    [InlineData("StringLike", false)]
    public void Operator_prefixes_and_suffixes_on_the_requested_region(string op, bool deniesUsEast1)
    {
        var policy = Scp("Regions",
            """{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{""" + $"\"{op}\"" + """:{"aws:RequestedRegion":["EU-WEST-1","eu-central-*"]}}}]}""");

        Ask(AtRoot(policy), "ec2:RunInstances", "us-east-1").Verdict
            .Should().Be(deniesUsEast1 ? GuardrailVerdict.Denied : GuardrailVerdict.NotDenied);
    }

    [Fact]
    public void Like_and_IgnoreCase_are_honoured_on_region_values()
    {
        var like = Scp("Like", """{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotLike":{"aws:RequestedRegion":["eu-*"]}}}]}""");
        var ignoreCase = Scp("Case", """{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEqualsIgnoreCase":{"aws:RequestedRegion":["EU-WEST-1"]}}}]}""");
        var exact = Scp("Exact", """{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["EU-WEST-1"]}}}]}""");

        Ask(AtRoot(like), "ec2:RunInstances", "eu-north-1").Verdict.Should().Be(GuardrailVerdict.NotDenied);
        Ask(AtRoot(ignoreCase), "ec2:RunInstances", "eu-west-1").Verdict.Should().Be(GuardrailVerdict.NotDenied);
        Ask(AtRoot(exact), "ec2:RunInstances", "eu-west-1").Verdict.Should().Be(GuardrailVerdict.Denied, "StringNotEquals is case-sensitive");
    }

    [Fact]
    public void NotResource_in_a_deny_leaves_the_excluded_resources_open()
    {
        var policy = Scp("AllButBreakGlass", """
            {"Statement":[{"Effect":"Deny","Action":"iam:CreateAccessKey","NotResource":"arn:aws:iam::*:user/breakglass"}]}
            """);

        Ask(AtRoot(policy), "iam:CreateAccessKey", "us-east-1").Verdict.Should().Be(GuardrailVerdict.NotDenied);
        Ask(AtRoot(policy), "iam:CreateAccessKey", "us-east-1", "arn:aws:iam::111122223333:user/alice").Verdict.Should().Be(GuardrailVerdict.Denied);
        Ask(AtRoot(policy), "iam:CreateAccessKey", "us-east-1", "arn:aws:iam::111122223333:user/breakglass").Verdict.Should().Be(GuardrailVerdict.NotDenied);
    }

    [Fact]
    public void Service_control_policies_switched_off_deny_nothing_and_say_why()
    {
        var answer = new GuardrailEvaluator(new OrganizationGuardrails { ServiceControlPoliciesEnabled = false })
            .Evaluate(new GuardrailQuestion("ec2:RunInstances", "us-east-1"));

        answer.Verdict.Should().Be(GuardrailVerdict.NotDenied);
        answer.Notes.Should().ContainSingle().Which.Should().Contain("not enabled");
    }

    [Theory]
    [InlineData("ec2:*", "ec2:RunInstances", true)]
    [InlineData("ec2:Describe*", "ec2:RunInstances", false)]
    [InlineData("ec2:*Instances", "ec2:RunInstances", true)]
    [InlineData("iam:?reateUser", "iam:CreateUser", true)]
    [InlineData("iam:?reateUser", "iam:ReCreateUser", false)]
    [InlineData("*", "anything:AtAll", true)]
    public void Wildcards_in_actions(string pattern, string action, bool matches) =>
        WildcardPattern.Matches(pattern, action, ignoreCase: true).Should().Be(matches);
}
