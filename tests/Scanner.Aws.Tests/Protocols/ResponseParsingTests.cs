using Scanner.Aws.Services;
using Scanner.Demo;
using static Scanner.Aws.Tests.Protocols.ProtocolTestClients;
using static Scanner.Aws.Tests.Protocols.RequestShapeTests;

namespace Scanner.Aws.Tests.Protocols;

/// <summary>Responses as the services send them, read into the records.</summary>
public sealed class ResponseParsingTests
{
    [Fact]
    public async Task Json_epoch_second_timestamps_are_read_with_their_fraction()
    {
        using var server = new RecordingServer(new CannedResponse(200, """
            {"Accounts":[{"Id":"111122223333","Arn":"arn:aws:organizations::123456789012:account/o-abc/111122223333",
              "Email":"a@example.com","Name":"payments-prod","Status":"ACTIVE","JoinedMethod":"CREATED",
              "JoinedTimestamp":1.700000000123E9}],"NextToken":"page-2"}
            """));
        using var client = For(OrganizationsApi.Service, server);

        var response = await client.SendAsync(OrganizationsApi.ListAccountsForParent.Operation, new ListAccountsForParentRequest("r-ab12"), default);

        response.NextToken.Should().Be("page-2");
        var account = response.Accounts.Should().ContainSingle().Subject;
        account.Name.Should().Be("payments-prod");
        account.JoinedTimestamp.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));
    }

    [Fact]
    public async Task Iso_timestamps_are_read_as_utc()
    {
        using var server = new RecordingServer(new CannedResponse(200, """
            {"Accounts":[{"Id":"111122223333","Arn":"arn","JoinedTimestamp":"2024-03-04T05:06:07.250Z"}]}
            """));
        using var client = For(OrganizationsApi.Service, server);

        var response = await client.SendAsync(OrganizationsApi.ListAccountsForParent.Operation, new ListAccountsForParentRequest("r-ab12"), default);

        response.Accounts![0].JoinedTimestamp.Should().Be(new DateTimeOffset(2024, 3, 4, 5, 6, 7, 250, TimeSpan.Zero));
    }

    [Fact]
    public async Task Query_xml_lists_of_members_text_booleans_and_iso_dates()
    {
        using var server = new RecordingServer(new CannedResponse(200, IamXml("ListUsers", """
            <IsTruncated>true</IsTruncated>
            <Marker>AAE1bm1hcmtlcg==</Marker>
            <Users>
              <member>
                <UserName>alice</UserName><UserId>AIDAEXAMPLE1</UserId><Path>/</Path>
                <Arn>arn:aws:iam::111122223333:user/alice</Arn>
                <CreateDate>2024-01-02T03:04:05Z</CreateDate>
                <PasswordLastUsed>2024-02-03T04:05:06Z</PasswordLastUsed>
              </member>
              <member>
                <UserName>bob</UserName><UserId>AIDAEXAMPLE2</UserId><Path>/ci/</Path>
                <Arn>arn:aws:iam::111122223333:user/ci/bob</Arn>
                <CreateDate>2023-12-31T23:59:59Z</CreateDate>
              </member>
            </Users>
            """), "text/xml"));
        using var client = For(IamApi.Service, server);

        var response = await client.SendAsync(IamApi.ListUsers.Operation, new ListUsersRequest(), default);

        response.IsTruncated.Should().BeTrue();
        response.Marker.Should().Be("AAE1bm1hcmtlcg==");
        response.Users.Should().HaveCount(2);
        response.Users![0].Should().Be(new IamUserEntry("alice", "AIDAEXAMPLE1", "arn:aws:iam::111122223333:user/alice", "/",
            new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2024, 2, 3, 4, 5, 6, TimeSpan.Zero)));
        response.Users[1].PasswordLastUsed.Should().BeNull();
    }

    [Fact]
    public async Task Query_xml_single_member_list_is_still_a_list()
    {
        using var server = new RecordingServer(new CannedResponse(200, IamXml("ListAccessKeys", """
            <AccessKeyMetadata><member><UserName>ci</UserName><AccessKeyId>AKIAEXAMPLE</AccessKeyId><Status>Active</Status>
            <CreateDate>2024-01-01T00:00:00Z</CreateDate></member></AccessKeyMetadata><IsTruncated>false</IsTruncated>
            """), "text/xml"));
        using var client = For(IamApi.Service, server);

        var response = await client.SendAsync(IamApi.ListAccessKeys.Operation, new UserPageRequest("ci"), default);

        response.AccessKeyMetadata.Should().ContainSingle().Which.AccessKeyId.Should().Be("AKIAEXAMPLE");
        response.IsTruncated.Should().BeFalse();
    }

    [Fact]
    public async Task List_organizations_features_reads_the_enabled_features_in_botocores_shape()
    {
        // ListOrganizationsFeaturesResult: OrganizationId, EnabledFeatures (FeaturesListType of FeatureType); moto has no such operation.
        using var server = new RecordingServer(new CannedResponse(200, IamXml("ListOrganizationsFeatures", """
            <OrganizationId>o-a1b2c3d4e5</OrganizationId>
            <EnabledFeatures><member>RootCredentialsManagement</member><member>RootSessions</member></EnabledFeatures>
            """), "text/xml"));
        using var client = For(IamApi.Service, server);

        var response = await client.SendAsync(IamApi.ListOrganizationsFeatures, new EmptyRequest(), default);

        response.OrganizationId.Should().Be("o-a1b2c3d4e5");
        response.EnabledFeatures.Should().Equal("RootCredentialsManagement", "RootSessions");
        server.Single.Form().Should().Contain(new KeyValuePair<string, string>("Action", "ListOrganizationsFeatures"));
    }

    [Fact]
    public async Task Query_xml_empty_list_reads_as_no_items()
    {
        using var server = new RecordingServer(new CannedResponse(200, IamXml("ListUsers", "<Users/><IsTruncated>false</IsTruncated>"), "text/xml"));
        using var client = For(IamApi.Service, server);

        var response = await client.SendAsync(IamApi.ListUsers.Operation, new ListUsersRequest(), default);

        (response.Users ?? []).Should().BeEmpty();
        response.IsTruncated.Should().BeFalse();
        response.Marker.Should().BeNull();
    }

    [Fact]
    public async Task Query_xml_nested_structures_are_read()
    {
        using var server = new RecordingServer(new CannedResponse(200, IamXml("GetAccessKeyLastUsed", """
            <UserName>ci</UserName>
            <AccessKeyLastUsed><LastUsedDate>2024-05-06T07:08:09Z</LastUsedDate><ServiceName>s3</ServiceName><Region>eu-west-1</Region></AccessKeyLastUsed>
            """), "text/xml"));
        using var client = For(IamApi.Service, server);

        var response = await client.SendAsync(IamApi.GetAccessKeyLastUsed, new GetAccessKeyLastUsedRequest("AKIAEXAMPLE"), default);

        response.AccessKeyLastUsed.Should().Be(new IamAccessKeyLastUsed(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), "s3", "eu-west-1"));
    }

    [Fact]
    public async Task An_empty_json_body_reads_as_an_empty_response()
    {
        using var server = new RecordingServer(new CannedResponse(200, ""));
        using var client = For(SecurityHubApi.Service, server);

        var response = await client.SendAsync(SeedOperations.EnableSecurityHub, new EnableSecurityHubRequest(), default);

        response.Should().NotBeNull();
    }

    [Fact]
    public async Task Rest_json_response_with_next_marker()
    {
        using var server = new RecordingServer(new CannedResponse(200, """
            {"Functions":[{"FunctionName":"payments-api","FunctionArn":"arn:aws:lambda:eu-west-1:111122223333:function:payments-api",
              "Runtime":"python3.12","LastModified":"2024-01-01T00:00:00.000+0000","MemorySize":128}],"NextMarker":"m-2"}
            """, "application/json"));
        using var client = For(LambdaApi.Service, server);

        var response = await client.SendAsync(LambdaApi.ListFunctions.Operation, new ListFunctionsRequest(), default);

        response.NextMarker.Should().Be("m-2");
        response.Functions.Should().ContainSingle().Which.FunctionName.Should().Be("payments-api");
    }
}
