using System.Text.Json.Nodes;
using Scanner.Aws.Services;
using Scanner.Demo;
using static Scanner.Aws.Tests.Protocols.ProtocolTestClients;

namespace Scanner.Aws.Tests.Protocols;

/// <summary>What goes on the wire, per protocol, checked against botocore's models for the same operations.</summary>
public sealed class RequestShapeTests
{
    [Fact]
    public async Task Json_protocol_posts_to_the_root_with_a_target_header_and_a_json_body()
    {
        using var server = new RecordingServer(new CannedResponse(200, """{"Accounts":[]}"""));
        using var client = For(OrganizationsApi.Service, server);

        await client.SendAsync(OrganizationsApi.ListAccountsForParent.Operation, new ListAccountsForParentRequest("r-ab12", "token-1", 5), default);

        var request = server.Single;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/");
        request.Header("X-Amz-Target").Should().Be("AWSOrganizationsV20161128.ListAccountsForParent");
        request.Header("Content-Type").Should().StartWith("application/x-amz-json-1.1");
        JsonNode.DeepEquals(JsonNode.Parse(request.Body), JsonNode.Parse("""{"ParentId":"r-ab12","NextToken":"token-1","MaxResults":5}""")).Should().BeTrue(request.Body);
    }

    [Fact]
    public async Task Json_protocol_leaves_out_null_members()
    {
        using var server = new RecordingServer(new CannedResponse(200, """{"trailList":[]}"""));
        using var client = For(CloudTrailApi.Service, server);

        await client.SendAsync(CloudTrailApi.DescribeTrails, new DescribeTrailsRequest(true), default);

        server.Single.Header("X-Amz-Target").Should().Be("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails");
        JsonNode.DeepEquals(JsonNode.Parse(server.Single.Body), JsonNode.Parse("""{"includeShadowTrails":true}""")).Should().BeTrue(server.Single.Body);
    }

    [Fact]
    public async Task Query_protocol_posts_a_form_with_action_and_version()
    {
        using var server = new RecordingServer(new CannedResponse(200, IamXml("ListUsers", "<Users/><IsTruncated>false</IsTruncated>"), "text/xml"));
        using var client = For(IamApi.Service, server);

        await client.SendAsync(IamApi.ListUsers.Operation, new ListUsersRequest("marker/1+=", 10), default);

        var request = server.Single;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/");
        request.Header("Content-Type").Should().StartWith("application/x-www-form-urlencoded");
        request.Header("X-Amz-Target").Should().BeNull();
        request.Form().Should().Equal(
            new("Action", "ListUsers"), new("Version", "2010-05-08"), new("Marker", "marker/1+="), new("MaxItems", "10"));
    }

    [Fact]
    public async Task Query_protocol_flattens_lists_as_member_N()
    {
        using var server = new RecordingServer(new CannedResponse(200, IamXml("TagUser", null), "text/xml"));
        using var client = For(IamApi.Service, server);

        await client.SendAsync(SeedOperations.TagUser, new TagUserRequest("breakglass",
            [new AwsTag("compliance:exempt", "*"), new AwsTag("compliance:exempt-until", "2030-01-31")]), default);

        server.Single.Form().Should().Equal(
            new("Action", "TagUser"), new("Version", "2010-05-08"), new("UserName", "breakglass"),
            new("Tags.member.1.Key", "compliance:exempt"), new("Tags.member.1.Value", "*"),
            new("Tags.member.2.Key", "compliance:exempt-until"), new("Tags.member.2.Value", "2030-01-31"));
    }

    [Fact]
    public async Task Rest_json_get_binds_query_members_and_sends_no_body()
    {
        using var server = new RecordingServer(new CannedResponse(200, """{"Functions":[]}""", "application/json"));
        using var client = For(LambdaApi.Service, server);

        await client.SendAsync(LambdaApi.ListFunctions.Operation, new ListFunctionsRequest("abc/def=", 50), default);

        var request = server.Single;
        request.Method.Should().Be("GET");
        request.Path.Should().Be("/2015-03-31/functions/");
        ParseQuery(request.Query).Should().BeEquivalentTo(new Dictionary<string, string> { ["Marker"] = "abc/def=", ["MaxItems"] = "50" });
        request.Body.Should().BeEmpty();
    }

    [Fact]
    public async Task Rest_json_get_without_members_has_no_query_string()
    {
        using var server = new RecordingServer(new CannedResponse(200, """{"Functions":[]}""", "application/json"));
        using var client = For(LambdaApi.Service, server);

        await client.SendAsync(LambdaApi.ListFunctions.Operation, new ListFunctionsRequest(), default);

        server.Single.Query.Should().BeEmpty();
    }

    [Fact]
    public async Task Rest_json_post_puts_the_input_in_a_json_body_at_the_operation_path()
    {
        using var server = new RecordingServer(new CannedResponse(200, """{"FailedCount":0,"SuccessCount":1,"FailedFindings":[]}""", "application/json"));
        using var client = For(SecurityHubApi.Service, server);
        var finding = new AsffFinding
        {
            Id = "iam.local-user/111122223333/us-east-1/alice",
            ProductArn = "arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default",
            AwsAccountId = "111122223333",
            Resources = [new AsffResource { Type = "AwsIamUser", Id = "arn:aws:iam::111122223333:user/alice" }],
        };

        var response = await client.SendAsync(SecurityHubApi.BatchImportFindings, new BatchImportFindingsRequest([finding]), default);

        var request = server.Single;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/findings/import");
        request.Header("Content-Type").Should().StartWith("application/json");
        var body = JsonNode.Parse(request.Body)!.AsObject();
        body["Findings"]!.AsArray().Should().ContainSingle();
        body["Findings"]![0]!["Id"]!.GetValue<string>().Should().Be(finding.Id);
        body["Findings"]![0]!["Resources"]![0]!["Type"]!.GetValue<string>().Should().Be("AwsIamUser");
        body["Findings"]![0]!.AsObject().ContainsKey("Title").Should().BeFalse("null members are left out");
        response.SuccessCount.Should().Be(1);
    }

    [Fact]
    public async Task Security_Hub_get_findings_posts_filters()
    {
        using var server = new RecordingServer(new CannedResponse(200, """{"Findings":[]}""", "application/json"));
        using var client = For(SecurityHubApi.Service, server);

        await client.SendAsync(SecurityHubApi.GetFindings.Operation, new GetFindingsRequest(
            new AsffFilters { AwsAccountId = [new StringFilter("111122223333")], RecordState = [new StringFilter("ACTIVE")] }, "next", 100), default);

        var request = server.Single;
        request.Path.Should().Be("/findings");
        JsonNode.DeepEquals(JsonNode.Parse(request.Body), JsonNode.Parse("""
            {"Filters":{"AwsAccountId":[{"Value":"111122223333","Comparison":"EQUALS"}],"RecordState":[{"Value":"ACTIVE","Comparison":"EQUALS"}]},
             "NextToken":"next","MaxResults":100}
            """)).Should().BeTrue(request.Body);
    }

    [Theory]
    [InlineData("iam", "eu-west-1", "us-east-1")]
    [InlineData("organizations", "eu-west-1", "us-east-1")]
    [InlineData("organizations", "ap-southeast-2", "us-east-1")]
    [InlineData("cloudtrail", "eu-west-1", "eu-west-1")]
    [InlineData("securityhub", "eu-central-1", "eu-central-1")]
    [InlineData("lambda", "us-west-2", "us-west-2")]
    [InlineData("tagging", "eu-west-1", "eu-west-1")]
    [InlineData("config", "eu-west-1", "eu-west-1")]
    public async Task Requests_are_signed_for_the_service_and_its_signing_region(string signingName, string clientRegion, string signingRegion)
    {
        var service = new[] { IamApi.Service, OrganizationsApi.Service, CloudTrailApi.Service, SecurityHubApi.Service, LambdaApi.Service, TaggingApi.Service, ConfigServiceApi.Service }
            .Single(s => s.SigningName == signingName);
        var body = service.Protocol == Aws.Protocols.WireProtocol.Query ? IamXml("GenerateCredentialReport", "<State>STARTED</State>") : "{}";
        using var server = new RecordingServer(new CannedResponse(200, body, service.Protocol == Aws.Protocols.WireProtocol.Query ? "text/xml" : "application/json"));
        using var client = For(service, server, clientRegion);

        if (service == IamApi.Service)
        {
            await client.SendAsync(IamApi.GenerateCredentialReport, new EmptyRequest(), default);
        }
        else if (service == OrganizationsApi.Service)
        {
            await client.SendAsync(OrganizationsApi.ListRoots.Operation, new ListRootsRequest(), default);
        }
        else if (service == CloudTrailApi.Service)
        {
            await client.SendAsync(CloudTrailApi.DescribeTrails, new DescribeTrailsRequest(true), default);
        }
        else if (service == SecurityHubApi.Service)
        {
            await client.SendAsync(SecurityHubApi.GetFindings.Operation, new GetFindingsRequest(new AsffFilters()), default);
        }
        else if (service == LambdaApi.Service)
        {
            await client.SendAsync(LambdaApi.ListFunctions.Operation, new ListFunctionsRequest(), default);
        }
        else if (service == TaggingApi.Service)
        {
            await client.SendAsync(TaggingApi.GetResources.Operation, new GetResourcesRequest(), default);
        }
        else
        {
            await client.SendAsync(ConfigServiceApi.DescribeConfigurationRecorders, new EmptyRequest(), default);
        }

        var request = server.Single;
        Scope(request).Should().Be((signingRegion, signingName));
        request.Header("X-Amz-Date").Should().MatchRegex("^[0-9]{8}T[0-9]{6}Z$");
        request.Header("Authorization").Should().Contain("SignedHeaders=").And.Contain("host").And.Contain("Signature=");
    }

    internal static string IamXml(string operation, string? result) =>
        $"""
        <{operation}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
          {(result is null ? "" : $"<{operation}Result>{result}</{operation}Result>")}
          <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>
        </{operation}Response>
        """;

    private static Dictionary<string, string> ParseQuery(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));
}
