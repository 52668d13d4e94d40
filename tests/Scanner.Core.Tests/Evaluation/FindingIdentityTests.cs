namespace Scanner.Core.Tests.Evaluation;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scanner.Core.Evaluation;
using Scanner.Core.Policy;
using Scanner.Testing.Inventory;

public class FindingIdentityTests
{
    [Fact]
    public void Id_reads_check_account_region_resource()
    {
        FindingIdentity.For("iam.local-user", "111122223333", "eu-west-1", "arn:aws:iam::111122223333:user/bob")
            .Should().Be("iam.local-user/111122223333/eu-west-1/arn:aws:iam::111122223333:user/bob");
    }

    [Fact]
    public void Id_of_a_result_does_not_depend_on_the_policy_or_the_wording()
    {
        var inventory = InventoryBuilder.Member().User(Make.User("bob", keys: [Make.Key("AKIAEXAMPLE000000001", ageDays: 100)])).Build();
        var lenient = Evaluator.Evaluate(inventory, ScanPolicy.Default with { MaxAccessKeyAgeDays = 365 }).Single(r => r.CheckId == "iam.access-key");
        var strict = Evaluator.Evaluate(inventory, ScanPolicy.Default with { MaxAccessKeyAgeDays = 30 }).Single(r => r.CheckId == "iam.access-key");

        strict.Title.Should().NotBe(lenient.Title);
        FindingIdentity.For(strict).Should().Be(FindingIdentity.For(lenient))
            .And.Be("iam.access-key/111122223333/eu-west-1/arn:aws:iam::111122223333:user/bob/access-key/AKIAEXAMPLE000000001");
    }

    [Fact]
    public void Overlong_id_keeps_a_readable_prefix_and_a_hash_of_the_whole()
    {
        var longArn = "arn:aws:s3:::" + new string('b', 600);

        var id = FindingIdentity.For("tag.resource-missing-required", "111122223333", "eu-west-1", longArn);
        var other = FindingIdentity.For("tag.resource-missing-required", "111122223333", "eu-west-1", longArn + "x");

        id.Should().HaveLength(FindingIdentity.MaxLength).And.StartWith("tag.resource-missing-required/111122223333/eu-west-1/arn:aws:s3:::bbb");
        id.Should().MatchRegex("#[0-9a-f]{64}$");
        other.Should().HaveLength(FindingIdentity.MaxLength).And.NotBe(id);
        id[..447].Should().Be(other[..447], "only the hash tells them apart");
    }

    [Fact]
    public void Slashes_in_the_first_parts_cannot_make_two_subjects_collide()
    {
        FindingIdentity.For("a/b", "c", "d", "e").Should().NotBe(FindingIdentity.For("a", "b/c", "d", "e"));
        FindingIdentity.For("a", "b", "c", "d/e").Should().NotBe(FindingIdentity.For("a", "b", "c/d", "e"));
    }

    private static Arbitrary<(string, string, string, string)> Parts()
    {
        var part = Gen.OneOf(
            ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get),
            Gen.Elements("iam.local-user", "111122223333", "eu-west-1", "a/b", "%2F", "/", "%", "", "é", "\ud83d\ude00"),
            Gen.Choose(400, 700).Select(n => new string('x', n) + "\ud83d\ude00"));
        return Gen.Zip(Gen.Zip(part, part), Gen.Zip(part, part))
            .Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, t.Item2.Item2))
            .ToArbitrary();
    }

    [Property(MaxTest = 500)]
    public Property Ids_are_stable_and_within_the_asff_limit() =>
        Prop.ForAll(Parts(), p =>
        {
            var (check, account, region, resource) = p;
            var id = FindingIdentity.For(check, account, region, resource);
            return id == FindingIdentity.For(check, account, region, resource) && id.Length <= FindingIdentity.MaxLength;
        });

    [Property(MaxTest = 500)]
    public Property Distinct_subjects_get_distinct_ids() =>
        Prop.ForAll(Parts(), Parts(), (a, b) =>
            a == b || FindingIdentity.For(a.Item1, a.Item2, a.Item3, a.Item4) != FindingIdentity.For(b.Item1, b.Item2, b.Item3, b.Item4));

    [Property(MaxTest = 300)]
    public Property Subjects_differing_in_one_part_get_distinct_ids() =>
        Prop.ForAll(Parts(), Gen.Choose(0, 3).ToArbitrary(), ArbMap.Default.ArbFor<NonEmptyString>(), (p, which, extra) =>
        {
            var parts = new[] { p.Item1, p.Item2, p.Item3, p.Item4 };
            var changed = (string[])parts.Clone();
            changed[which] += extra.Get;
            return FindingIdentity.For(parts[0], parts[1], parts[2], parts[3]) != FindingIdentity.For(changed[0], changed[1], changed[2], changed[3]);
        });
}
