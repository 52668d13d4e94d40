using Scanner.Aws.Errors;
using Scanner.Aws.Services;
using static Scanner.Aws.Tests.Protocols.ProtocolTestClients;

namespace Scanner.Aws.Tests.Protocols;

/// <summary>Every protocol's error format becomes one AwsServiceException with code, status, request id and kind.</summary>
public sealed class ErrorMappingTests
{
    private static readonly Dictionary<string, string> RequestIdHeader = new() { ["x-amzn-RequestId"] = "req-json-1" };

    [Fact]
    public async Task Json_type_with_namespace_is_the_code()
    {
        using var server = new RecordingServer(new CannedResponse(400,
            """{"__type":"com.amazonaws.organizations.v20161128#AccessDeniedException","Message":"You don't have permissions to access this resource."}""",
            Headers: RequestIdHeader));
        using var client = For(OrganizationsApi.Service, server);

        var error = await ThrowsAsync(() => client.SendAsync(OrganizationsApi.ListAccountsForParent.Operation, new ListAccountsForParentRequest("r-ab12"), default));

        error.Service.Should().Be("Organizations");
        error.Operation.Should().Be("ListAccountsForParent");
        error.ErrorCode.Should().Be("AccessDeniedException");
        error.StatusCode.Should().Be(400);
        error.RequestId.Should().Be("req-json-1");
        error.Kind.Should().Be(AwsErrorKind.AccessDenied);
        error.ErrorMessage.Should().Contain("permissions");
        server.Requests.Should().HaveCount(1, "access denied is not retried");
    }

    [Fact]
    public async Task Json_organizations_not_in_use_is_not_enabled()
    {
        using var server = new RecordingServer(new CannedResponse(400,
            """{"__type":"AWSOrganizationsNotInUseException","Message":"Your account is not a member of an organization."}""", Headers: RequestIdHeader));
        using var client = For(OrganizationsApi.Service, server);

        var error = await ThrowsAsync(() => client.SendAsync(OrganizationsApi.DescribeOrganization, new EmptyRequest(), default));

        error.ErrorCode.Should().Be("AWSOrganizationsNotInUseException");
        error.Kind.Should().Be(AwsErrorKind.NotEnabled);
    }

    [Fact]
    public async Task Rest_json_error_type_header_names_the_code()
    {
        using var server = new RecordingServer(new CannedResponse(404, """{"Type":"User","Message":"Function not found: arn:aws:lambda:eu-west-1:111122223333:function:x"}""",
            "application/json",
            new Dictionary<string, string>
            {
                ["x-amzn-ErrorType"] = "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.lambda/",
                ["x-amzn-RequestId"] = "req-rest-1",
            }));
        using var client = For(LambdaApi.Service, server);

        var error = await ThrowsAsync(() => client.SendAsync(LambdaApi.ListFunctions.Operation, new ListFunctionsRequest(), default));

        error.ErrorCode.Should().Be("ResourceNotFoundException");
        error.StatusCode.Should().Be(404);
        error.RequestId.Should().Be("req-rest-1");
        error.Kind.Should().Be(AwsErrorKind.NotFound);
    }

    [Fact]
    public async Task Rest_json_code_in_body_for_security_hub_not_enabled()
    {
        using var server = new RecordingServer(new CannedResponse(401,
            """{"Code":"InvalidAccessException","Message":"Account 111122223333 is not subscribed to AWS Security Hub"}""", "application/json",
            new Dictionary<string, string> { ["x-amzn-RequestId"] = "req-rest-2" }));
        using var client = For(SecurityHubApi.Service, server);

        var error = await ThrowsAsync(() => client.SendAsync(SecurityHubApi.GetFindings.Operation, new GetFindingsRequest(new AsffFilters()), default));

        error.ErrorCode.Should().Be("InvalidAccessException");
        error.StatusCode.Should().Be(401);
        error.RequestId.Should().Be("req-rest-2");
        error.Kind.Should().Be(AwsErrorKind.NotEnabled);
    }

    [Fact]
    public async Task Query_xml_error_response()
    {
        using var server = new RecordingServer(new CannedResponse(404, """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>Login Profile for User alice cannot be found.</Message></Error>
              <RequestId>req-query-1</RequestId>
            </ErrorResponse>
            """, "text/xml"));
        using var client = For(IamApi.Service, server);

        var error = await ThrowsAsync(() => client.SendAsync(IamApi.GetLoginProfile, new UserRequest("alice"), default));

        error.Service.Should().Be("IAM");
        error.Operation.Should().Be("GetLoginProfile");
        error.ErrorCode.Should().Be("NoSuchEntity");
        error.StatusCode.Should().Be(404);
        error.RequestId.Should().Be("req-query-1");
        error.ErrorMessage.Should().Contain("cannot be found");
        error.Kind.Should().Be(AwsErrorKind.NotFound);
    }

    [Fact]
    public async Task Query_xml_report_not_present_is_not_found()
    {
        using var server = new RecordingServer(new CannedResponse(410, """
            <ErrorResponse><Error><Code>ReportNotPresent</Code><Message>Credential report not present.</Message></Error><RequestId>r</RequestId></ErrorResponse>
            """, "text/xml"));
        using var client = For(IamApi.Service, server);

        var error = await ThrowsAsync(() => client.SendAsync(IamApi.GetCredentialReport, new EmptyRequest(), default));

        error.ErrorCode.Should().Be("ReportNotPresent");
        error.Kind.Should().Be(AwsErrorKind.NotFound);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_malformed_response()
    {
        using var server = new RecordingServer(new CannedResponse(200, "<html>proxy error</html>", "text/html"));
        using var client = For(CloudTrailApi.Service, server);

        var error = await ThrowsAsync(() => client.SendAsync(CloudTrailApi.DescribeTrails, new DescribeTrailsRequest(true), default));

        error.ErrorCode.Should().Be("MalformedResponse");
    }

    public static TheoryData<string, int, string, string, string?> Throttles => new()
    {
        // protocol, status, content type, body, x-amzn-ErrorType header
        { "json", 400, "application/x-amz-json-1.1", """{"__type":"ThrottlingException","message":"Rate exceeded"}""", null },
        { "query", 400, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>t</RequestId></ErrorResponse>", null },
        { "rest", 429, "application/json", """{"message":"Too Many Requests"}""", "TooManyRequestsException:http://internal.amazon.com/coral/" },
        { "query", 503, "text/xml", "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>t</RequestID></Response>", null },
        { "json", 503, "application/x-amz-json-1.1", """{"__type":"RequestLimitExceeded","message":"Request limit exceeded."}""", null },
    };

    [Theory]
    [MemberData(nameof(Throttles))]
    public async Task Throttling_is_retried_by_the_sdk_until_it_succeeds(string protocol, int status, string contentType, string body, string? errorType)
    {
        var headers = errorType is null ? null : new Dictionary<string, string> { ["x-amzn-ErrorType"] = errorType };
        var throttle = new CannedResponse(status, body, contentType, headers);
        var success = protocol switch
        {
            "json" => new CannedResponse(200, """{"trailList":[]}"""),
            "query" => new CannedResponse(200, RequestShapeTests.IamXml("ListUsers", "<Users/><IsTruncated>false</IsTruncated>"), "text/xml"),
            _ => new CannedResponse(200, """{"Findings":[]}""", "application/json"),
        };
        using var server = new RecordingServer(throttle, throttle, success);

        switch (protocol)
        {
            case "json":
            {
                using var client = For(CloudTrailApi.Service, server);
                (await client.SendAsync(CloudTrailApi.DescribeTrails, new DescribeTrailsRequest(true), default)).TrailList.Should().BeEmpty();
                break;
            }

            case "query":
            {
                using var client = For(IamApi.Service, server);
                (await client.SendAsync(IamApi.ListUsers.Operation, new ListUsersRequest(), default)).IsTruncated.Should().BeFalse();
                break;
            }

            default:
            {
                using var client = For(SecurityHubApi.Service, server);
                (await client.SendAsync(SecurityHubApi.GetFindings.Operation, new GetFindingsRequest(new AsffFilters()), default)).Findings.Should().BeEmpty();
                break;
            }
        }

        server.Requests.Should().HaveCount(3);
        server.Requests.Select(r => r.Body).Distinct().Should().ContainSingle("a retry sends the same request again");
    }

    [Fact]
    public async Task Throttling_that_never_ends_surfaces_as_a_throttling_error()
    {
        using var server = new RecordingServer(new CannedResponse(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""", Headers: RequestIdHeader));
        using var client = For(CloudTrailApi.Service, server);

        var error = await ThrowsAsync(() => client.SendAsync(CloudTrailApi.DescribeTrails, new DescribeTrailsRequest(true), default));

        error.Kind.Should().Be(AwsErrorKind.Throttling);
        server.Requests.Count.Should().BeGreaterThan(1);
    }

    private static async Task<AwsServiceException> ThrowsAsync(Func<Task> call) =>
        (await call.Should().ThrowAsync<AwsServiceException>()).Which;
}
