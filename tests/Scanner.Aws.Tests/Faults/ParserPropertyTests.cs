using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Scanner.Aws.Collectors;
using Scanner.Aws.Protocols;
using Scanner.Core.Resources;

namespace Scanner.Aws.Tests.Faults;

/// <summary>
/// The parsers that read what AWS sends, fed what AWS could send: awsQuery XML with any element names and values, credential
/// reports with any user IAM allows, ARNs of any shape. (Finding ids are covered in Scanner.Core.Tests' FindingIdentityTests.)
/// </summary>
public sealed class ParserPropertyTests
{
    // ---- awsQuery XML → JSON -------------------------------------------------------------------------------------------

    /// <summary>An element of a generated document: a text leaf, or children (all named member when <c>IsList</c>).</summary>
    public sealed record Node(string Name, string? Text, Node[] Children, bool IsList);

    private const string ResultElement = "ListUsersResult";

    /// <summary>Letters and digits of several scripts, and the punctuation XML names allow.</summary>
    private static readonly Gen<string> Names = Gen.Zip(
            Gen.Elements("a", "Z", "_", "ü", "日", "ß", "Member", "member", "Users", "x"),
            Gen.Elements("", "a", "1", "-", ".", "_", "本", "é", "Name", "Id").ArrayOf(3))
        .Select(p => p.Item1 + string.Concat(p.Item2));

    /// <summary>Any text at all, including what XML cannot carry (a document with it is malformed, and may be refused as such).</summary>
    private static readonly Gen<string> Texts = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
        Gen.Elements("", " ", "müller-ü", "日本", "a&b<c>\"'", "line\r\nbreak", "\ud83d\ude00", "]]>", "&amp;", "\u0001", "\ud800"));

    private static Gen<Node> Tree(int depth) => depth <= 0
        ? Gen.Zip(Names, Texts).Select(p => new Node(p.Item1, p.Item2, [], false))
        : Gen.Frequency(
            (3, Tree(0)),
            (2, Gen.Zip(Names, Tree(depth - 1).ArrayOf(3)).Select(p => new Node(p.Item1, null, p.Item2, false))),
            (1, Gen.Zip(Names, Tree(depth - 1).ArrayOf(3)).Select(p => new Node(p.Item1, null, [.. p.Item2.Select(c => c with { Name = "member" })], true))));

    private static string Render(Node node) => node.Text is { } text
        ? $"<{node.Name}>{SecurityElement.Escape(text)}</{node.Name}>"
        : $"<{node.Name}>{string.Concat(node.Children.Select(Render))}</{node.Name}>";

    private static string Document(Node[] result) =>
        $"""<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><{ResultElement}>{string.Concat(result.Select(Render))}</{ResultElement}><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></ListUsersResponse>""";

    /// <summary>Whether XML itself refuses the text (the only reason ResultToJson may throw).</summary>
    private static bool IsMalformed(string xml)
    {
        try
        {
            XDocument.Parse(xml);
            return false;
        }
        catch (XmlException)
        {
            return true;
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    private static IEnumerable<string> Leaves(Node node) =>
        node.Text is { } text ? [text] : node.Children.SelectMany(Leaves);

    [Property(MaxTest = 300)]
    public Property Query_XML_converts_to_JSON_holding_every_value_and_throws_only_on_malformed_XML() =>
        Prop.ForAll(Tree(3).ArrayOf(4).ToArbitrary(), result =>
        {
            // On the wire: UTF-8, where a lone surrogate cannot travel (it arrives as U+FFFD).
            static string Wire(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
            var xml = Wire(Document(result));
            byte[] json;
            try
            {
                json = QueryXml.ResultToJson(Encoding.UTF8.GetBytes(xml), ResultElement);
            }
            catch (XmlException)
            {
                return IsMalformed(xml);
            }

            using var parsed = JsonDocument.Parse(json);
            var written = Strings(parsed.RootElement).ToList();

            // XML normalises line ends, and a text of only white space is no value.
            var expected = result.SelectMany(Leaves).Select(t => Wire(t).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
                .Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
            return !IsMalformed(xml) && expected.All(written.Contains) && parsed.RootElement.ValueKind == JsonValueKind.Object;
        });

    [Property(MaxTest = 300)]
    public Property Query_XML_conversion_of_arbitrary_bytes_throws_nothing_but_XmlException(byte[] bytes, NonNull<string> text) =>
        Prop.ForAll(Gen.Elements(bytes, Encoding.UTF8.GetBytes(text.Get), Encoding.UTF8.GetBytes("<a>" + text.Get), Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>" + text.Get)).ToArbitrary(), input =>
        {
            try
            {
                QueryXml.ResultToJson(input, ResultElement);
                return true;
            }
            catch (XmlException)
            {
                return true;
            }
        });

    [Fact]
    public void Query_XML_error_bodies_of_any_shape_never_throw()
    {
        foreach (var body in new[] { "", "not xml", "<ErrorResponse>", "<Response><Errors><Error><Code>RequestLimitExceeded</Code></Error></Errors></Response>", "\u0000\u0001" })
        {
            var read = () => QueryXml.Error(Encoding.UTF8.GetBytes(body));
            read.Should().NotThrow(body);
        }
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(1_001, false)]
    [InlineData(10_000, false)]
    public void Nesting_as_deep_as_a_real_shape_converts_and_absurd_nesting_is_refused_as_malformed(int depth, bool converts)
    {
        var xml = $"<R><{ResultElement}>{string.Concat(Enumerable.Repeat("<a>", depth))}x{string.Concat(Enumerable.Repeat("</a>", depth))}</{ResultElement}></R>";

        var convert = () => QueryXml.ResultToJson(Encoding.UTF8.GetBytes(xml), ResultElement);

        // Not the JSON writer's InvalidOperationException past 1,000 levels, nor a stack overflow past many more.
        if (converts)
        {
            JsonDocument.Parse(convert()).RootElement.GetProperty("a").ValueKind.Should().Be(JsonValueKind.Object);
        }
        else
        {
            convert.Should().Throw<XmlException>();
        }
    }

    // ---- the IAM credential report ------------------------------------------------------------------------------------

    private static readonly string[] Header =
    [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed", "password_next_rotation",
        "mfa_active", "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date", "access_key_1_last_used_region",
        "access_key_1_last_used_service", "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
        "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
    ];

    public sealed record ReportUser(string Name, string Path, DateTimeOffset Created, bool Password, DateTimeOffset? PasswordUsed, bool Mfa, ReportKey Key1, ReportKey Key2);

    public sealed record ReportKey(bool Active, DateTimeOffset? Rotated, DateTimeOffset? Used, string? Region, string? Service);

    /// <summary>IAM user names: [\w+=,.@-]{1,64}, \w taking letters of every script.</summary>
    private static readonly Gen<string> UserNames =
        Gen.Elements("a", "b", "Z", "0", "_", "+", "=", ",", ".", "@", "-", "ü", "ß", "日", "本", "é").ArrayOf()
            .Where(a => a.Length is > 0 and <= 64).Select(string.Concat);

    private static readonly Gen<string> Paths = Gen.Elements("/", "/ci/", "/a,b/", "/team.x/deploy/");

    private static readonly Gen<DateTimeOffset> Times =
        Gen.Choose(0, 400_000_000).Select(s => new DateTimeOffset(2012, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(s));

    private static readonly Gen<DateTimeOffset?> MaybeTimes = Gen.Frequency(
        (1, Gen.Constant<DateTimeOffset?>(null)),
        (3, Times.Select(t => (DateTimeOffset?)t)));

    private static readonly Gen<ReportKey> Keys =
        from active in ArbMap.Default.GeneratorFor<bool>()
        from rotated in MaybeTimes
        from used in MaybeTimes
        from region in Gen.Elements<string?>(null, "us-east-1", "eu-west-1")
        from service in Gen.Elements<string?>(null, "s3", "sts")
        select new ReportKey(active, rotated, used, region, service);

    private static readonly Gen<ReportUser> Users =
        from name in UserNames
        from path in Paths
        from created in Times
        from password in ArbMap.Default.GeneratorFor<bool>()
        from passwordUsed in MaybeTimes
        from mfa in ArbMap.Default.GeneratorFor<bool>()
        from key1 in Keys
        from key2 in Keys
        select new ReportUser(name, path, created, password, password ? passwordUsed : null, mfa, key1, key2);

    private static readonly Gen<ReportUser[]> Reports = Users.ArrayOf().Select(u => u.DistinctBy(x => x.Name, StringComparer.Ordinal).ToArray());

    private static string Arn(ReportUser user) => $"arn:aws:iam::111122223333:user{user.Path}{user.Name}";

    private static string Time(DateTimeOffset? time, string none = "N/A") => time?.ToString("yyyy-MM-ddTHH:mm:ss+00:00", CultureInfo.InvariantCulture) ?? none;

    private static string Flag(bool value) => value ? "true" : "false";

    private static string[] Row(ReportUser u) =>
    [
        u.Name, Arn(u), Time(u.Created), Flag(u.Password), u.Password ? Time(u.PasswordUsed, "no_information") : "not_supported", "N/A", "N/A",
        Flag(u.Mfa),
        Flag(u.Key1.Active), Time(u.Key1.Rotated), Time(u.Key1.Used), u.Key1.Region ?? "N/A", u.Key1.Service ?? "N/A",
        Flag(u.Key2.Active), Time(u.Key2.Rotated), Time(u.Key2.Used), u.Key2.Region ?? "N/A", u.Key2.Service ?? "N/A",
        "false", "N/A", "false", "N/A",
    ];

    /// <summary>RFC 4180: a cell with a comma or a quote is quoted, its quotes doubled.</summary>
    private static string Quoted(string cell) =>
        cell.Contains(',', StringComparison.Ordinal) || cell.Contains('"', StringComparison.Ordinal) ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;

    private static string Csv(IEnumerable<ReportUser> users, Func<string, string> cell) =>
        string.Join("\n", new[] { string.Join(",", Header) }.Concat(users.Select(u => string.Join(",", Row(u).Select(cell))))) + "\n";

    private static bool Same(CredentialReportRow row, ReportUser user) =>
        row.User == user.Name
        && row.Arn == Arn(user)
        && row.UserCreationTime == user.Created
        && row.PasswordEnabled == user.Password
        && row.PasswordLastUsed == user.PasswordUsed
        && row.MfaActive == user.Mfa
        && row.Keys.Count == 2
        && Same(row.Keys[0], 1, user.Key1)
        && Same(row.Keys[1], 2, user.Key2)
        && !row.IsRoot;

    private static bool Same(CredentialReportKey key, int slot, ReportKey expected) =>
        key == new CredentialReportKey(slot, expected.Active, expected.Rotated, expected.Used, expected.Service, expected.Region);

    [Property(MaxTest = 300)]
    public Property Credential_report_rows_round_trip_whatever_the_user_name() =>
        Prop.ForAll(Reports.ToArbitrary(), users =>
        {
            var rows = CredentialReport.ParseCsv(Csv(users, Quoted));
            return rows.Count == users.Length && rows.Zip(users).All(p => Same(p.First, p.Second));
        });

    [Property(MaxTest = 300)]
    public Property An_unquoted_comma_never_makes_a_row_pass_for_another_user() =>
        Prop.ForAll(Reports.ToArbitrary(), users =>
        {
            // moto writes the report without quoting; a row whose values hold commas cannot be read, so it is left out
            // (the collector then asks IAM about that user directly), and every row that is read is read exactly.
            var rows = CredentialReport.ParseCsv(Csv(users, c => c));
            var readable = users.Where(u => !Row(u).Any(c => c.Contains(',', StringComparison.Ordinal))).ToList();
            return rows.Count == readable.Count && rows.Zip(readable).All(p => Same(p.First, p.Second));
        });

    [Fact]
    public void The_credential_report_of_the_root_user_is_recognised_and_its_N_A_values_are_no_values()
    {
        var root = new ReportUser("<root_account>", "/", DateTimeOffset.UnixEpoch, false, null, true, new ReportKey(false, null, null, null, null), new ReportKey(false, null, null, null, null));
        var row = CredentialReport.ParseCsv(Csv([root], Quoted)).Should().ContainSingle().Subject;

        row.IsRoot.Should().BeTrue();
        row.MfaActive.Should().BeTrue();
        row.Keys.Should().OnlyContain(k => !k.Active && k.LastRotated == null && k.LastUsedRegion == null);
    }

    // ---- ARNs from the tagging API ---------------------------------------------------------------------------------------

    private static readonly Gen<string> ArnLike =
        from parts in Gen.Elements("arn", "aws", "ec2", "lambda", "s3", "", "us-east-1", "111122223333", "instance/i-1", "function:f:1", "a/b:c", ":", "/", "日本", "-", "x_y")
            .ArrayOf()
        from separator in Gen.Elements(":", "/", "::")
        select string.Join(separator, parts);

    [Property(MaxTest = 500)]
    public Property A_resource_type_is_read_from_any_string_without_throwing_and_is_never_empty(NonNull<string> any) =>
        Prop.ForAll(Gen.Elements(any.Get, "arn:" + any.Get, "arn:aws:" + any.Get + ":us-east-1:111122223333:" + any.Get).ToArbitrary(), ArnLike.ToArbitrary(), (text, arn) =>
            new[] { text, arn }.All(value =>
            {
                var (type, id) = ResourceTypeRegistry.Identify(value);
                return !string.IsNullOrWhiteSpace(type.Name) && id is not null;
            }));

    [Theory]
    [InlineData("arn:aws:ec2:us-east-1:111122223333:instance/i-0abc", "AWS::EC2::Instance", "i-0abc")]
    [InlineData("arn:aws:lambda:eu-west-1:111122223333:function:payments-api:live", "AWS::Lambda::Function", "payments-api")]
    [InlineData("arn:aws:s3:::bucket/with/slashes", "AWS::S3::Bucket", "bucket/with/slashes")]
    [InlineData("arn:aws:sns:us-east-1:111122223333:topic-日本", "AWS::SNS::Topic", "topic-日本")]
    [InlineData("arn:aws:ecs:us-east-1:111122223333:task-definition/web:3", "AWS::ECS::TaskDefinition", "web:3")]
    [InlineData("", "unknown", "")]
    [InlineData("arn:aws:-::::", "unknown", "")]
    public void Known_shapes_of_ARN_give_their_type_and_id(string arn, string type, string id)
    {
        var (found, foundId) = ResourceTypeRegistry.Identify(arn);
        (found.Name, foundId).Should().Be((type, id));
    }
}
