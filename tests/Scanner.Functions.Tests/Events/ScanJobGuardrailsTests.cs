using System.Text;
using Scanner.Core.Guardrails;
using Scanner.Core.Inventory;
using Scanner.Lambda.Events;
using Scanner.Lambda.Handlers;

namespace Scanner.Functions.Tests.Events;

public sealed class ScanJobGuardrailsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);

    /// <summary>A deny statement padded with actions to exactly <paramref name="length"/> characters, as dense in quotes as a real one.</summary>
    private static string PolicyOfLength(int length, int seed)
    {
        var head = $$"""{"Version":"2012-10-17","Statement":[{"Sid":"S{{seed}}","Effect":"Deny","Resource":"*","Action":[""";
        const string Tail = "]}]}";
        var actions = new StringBuilder();
        for (var i = 0; head.Length + actions.Length + Tail.Length < length - 30; i++)
        {
            actions.Append(i == 0 ? "" : ",").Append($"\"ec2:Action{seed}x{i}\"");
        }

        var text = head + actions + Tail;
        return text.Insert(text.Length - Tail.Length, new string(' ', length - text.Length));
    }

    [Fact]
    public void The_largest_possible_set_of_SCPs_fits_in_one_SQS_message_and_survives_the_round_trip()
    {
        // 7 levels (root, 5 OUs, account), 5 distinct policies of 5,120 characters each: the quotas' worst case.
        var levels = Enumerable.Range(0, 7).Select(level => new PolicyTarget(
            level == 0 ? "r-ab12" : level == 6 ? "111122223333" : $"ou-ab12-0000000{level}",
            $"Level {level}",
            level == 0 ? PolicyTargetKind.Root : level == 6 ? PolicyTargetKind.Account : PolicyTargetKind.OrganizationalUnit,
            [.. Enumerable.Range(0, 5).Select(i => new ServiceControlPolicy($"p-{level}{i}aaaaaa", $"policy-{level}-{i}", PolicyOfLength(5_120, level * 10 + i)))])).ToList();
        levels.SelectMany(l => l.Policies).Should().OnlyContain(p => p.Content.Length == 5_120);
        var account = new OrganizationAccount
        {
            Id = "111122223333",
            Name = "deep",
            OuPath = [.. levels.Skip(1).Take(5).Select(l => new OrganizationalUnit(l.Id, l.Name))],
            Guardrails = new OrganizationGuardrails { PolicyPath = levels },
        };

        var body = ScanJob.FromAccount(account, Now, "scheduled").ToJson();

        Encoding.UTF8.GetByteCount(body).Should().BeLessThan(ScanJobBatches.MaxBatchBytes);
        ScanJob.TryParse(body, out var job, out var error).Should().BeTrue(error);
        var received = job!.ToAccount().Guardrails!;
        received.PolicyPath.Should().HaveCount(7);
        var question = new GuardrailQuestion("ec2:Action0x3", "us-east-1");
        new GuardrailEvaluator(received).Evaluate(question).Verdict.Should().Be(GuardrailVerdict.Denied);
    }

    [Fact]
    public void A_policy_attached_at_every_level_is_carried_once_and_whitespace_is_dropped()
    {
        var full = new ServiceControlPolicy("p-FullAWSAccess", "FullAWSAccess", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\" } ]\n}", AwsManaged: true);
        var broken = new ServiceControlPolicy("p-broken12", "Broken", "{ \"Statement\": [");
        var guardrails = new OrganizationGuardrails
        {
            PolicyPath =
            [
                new PolicyTarget("r-ab12", "Root", PolicyTargetKind.Root, [full]),
                new PolicyTarget("ou-ab12-11111111", "Workloads", PolicyTargetKind.OrganizationalUnit, [full, broken]),
                new PolicyTarget("111122223333", "member", PolicyTargetKind.Account, [full]),
            ],
            DelegatedAdministrators = [new DelegatedAdministrator("222233334444", "security", ["guardduty.amazonaws.com"])],
            Gaps = [new CollectionGap("organizations-scp", null, "DescribePolicy", "AccessDenied", "denied")],
        };

        var wire = ScanJobGuardrails.From(guardrails);
        var back = wire.ToGuardrails();

        wire.Policies.Should().HaveCount(2);
        wire.Policies["p-FullAWSAccess"].Content.Should().Be("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
        wire.Policies["p-broken12"].Content.Should().Be(broken.Content, "a document that is not JSON travels as it is, to be reported");
        back.PolicyPath.Select(t => t.Policies.Count).Should().Equal(1, 2, 1);
        back.DelegatedAdministrators.Should().ContainSingle().Which.ServicePrincipals.Should().Equal("guardduty.amazonaws.com");
        back.Gaps.Should().ContainSingle().Which.Operation.Should().Be("DescribePolicy");
        back.RootAccessManagement.Should().BeNull("unknown stays unknown: the member side of iam.root-access-management then says nothing");
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void The_root_access_settings_travel_with_the_job(bool credentialsManagement, bool rootSessions)
    {
        var account = new OrganizationAccount
        {
            Id = "111122223333",
            Guardrails = new OrganizationGuardrails { RootAccessManagement = new RootAccessManagement(credentialsManagement, rootSessions) },
        };

        ScanJob.TryParse(ScanJob.FromAccount(account, Now, "scheduled").ToJson(), out var job, out var error).Should().BeTrue(error);

        job!.ToAccount().Guardrails!.RootAccessManagement.Should().Be(new RootAccessManagement(credentialsManagement, rootSessions));
    }

    [Fact]
    public void A_job_whose_path_names_a_policy_it_does_not_carry_is_rejected_naming_the_field()
    {
        var body = """
            {"accountId":"111122223333","requestedAt":"2026-12-06T22:00:00Z",
             "guardrails":{"policies":{},"policyPath":[{"id":"r-ab12","name":"Root","kind":"Root","policyIds":["p-missing1"]}],"gaps":[]}}
            """;

        ScanJob.TryParse(body, out _, out var error).Should().BeFalse();
        error.Should().Be("guardrails.policyPath[0].policyIds: 'p-missing1' is not in guardrails.policies");
    }

    [Fact]
    public void Batches_hold_at_most_ten_jobs_and_256_KB()
    {
        var big = new string('x', 100_000);
        ScanJobBatches.Of([big, big, big, "a", "b"]).Select(b => b.Count).Should().Equal(2, 3);
        ScanJobBatches.Of(Enumerable.Repeat("a", 23)).Select(b => b.Count).Should().Equal(10, 10, 3);
    }
}
