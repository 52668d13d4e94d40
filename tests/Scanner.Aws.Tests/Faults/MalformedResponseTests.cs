using Scanner.Aws.Collectors;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Emulator.Hosting;

namespace Scanner.Aws.Tests.Faults;

/// <summary>
/// An answer cut short or garbled (a proxy, a connection reset mid-body, a service bug) is an AWS failure like any other:
/// an <see cref="AwsServiceException"/> the collectors record as a gap, never an exception that ends the whole scan.
/// </summary>
public sealed class MalformedResponseTests
{
    private static readonly Amazon.Runtime.AWSCredentials Credentials = new Amazon.Runtime.BasicAWSCredentials("testing", "testing");

    [Fact]
    public async Task A_truncated_Query_XML_answer_is_a_MalformedResponse_error()
    {
        using var server = new RecordingServer(new CannedResponse(200, "<ListUsersResponse><ListUsersResult><Users><member><UserName>al", "text/xml"));
        using var iam = new ProtocolClient(Credentials, IamApi.Service, "us-east-1", server.Endpoint);

        var call = () => iam.SendAsync(IamApi.ListUsers.Operation, new ListUsersRequest(), CancellationToken.None);

        var error = (await call.Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be("MalformedResponse");
        error.Operation.Should().Be("ListUsers");
    }

    [Fact]
    public async Task A_truncated_awsJson_answer_is_a_MalformedResponse_error()
    {
        using var server = new RecordingServer(new CannedResponse(200, """{"Accounts":[{"Id":"1111""", "application/x-amz-json-1.1"));
        using var organizations = new ProtocolClient(Credentials, OrganizationsApi.Service, "us-east-1", server.Endpoint);

        var call = () => organizations.SendAsync(OrganizationsApi.ListAccountsForParent.Operation, new ListAccountsForParentRequest("r-ab12"), CancellationToken.None);

        (await call.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be("MalformedResponse");
    }

    [Fact]
    public async Task A_truncated_restJson_answer_is_a_MalformedResponse_error()
    {
        using var server = new RecordingServer(new CannedResponse(200, """{"Functions":[{"FunctionName":""", "application/json"));
        using var lambda = new ProtocolClient(Credentials, LambdaApi.Service, "us-east-1", server.Endpoint);

        var call = () => lambda.SendAsync(LambdaApi.ListFunctions.Operation, new ListFunctionsRequest(), CancellationToken.None);

        (await call.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be("MalformedResponse");
    }

    [Theory]
    [InlineData("!!! not base64 !!!")]
    [InlineData("dXNlcixhcm4KYWxpY2UsYXJuOmF3czppYW06OjExMTE6dXNlci9hbGljZQo=")] // a CSV without the report's columns
    public async Task An_unreadable_credential_report_is_a_gap_and_the_users_are_still_read(string content)
    {
        using var proxy = new AwsProxy(LoopbackPort.ClosedEndpoint())
        {
            Fault = call => call.Operation switch
            {
                "ListUsers" => Xml("ListUsers", "<Users><member><UserName>alice</UserName><UserId>AIDA1</UserId><Arn>arn:aws:iam::111122223333:user/alice</Arn><Path>/</Path><CreateDate>2024-01-01T00:00:00Z</CreateDate></member></Users><IsTruncated>false</IsTruncated>"),
                "GenerateCredentialReport" => Xml("GenerateCredentialReport", "<State>COMPLETE</State>"),
                "GetCredentialReport" => Xml("GetCredentialReport", $"<Content>{content}</Content><ReportFormat>text/csv</ReportFormat>"),
                "GetLoginProfile" => ProxyFault.Answer(new CannedResponse(404, "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>none</Message></Error></ErrorResponse>", "text/xml")),
                "ListUserTags" => Xml("ListUserTags", "<Tags/><IsTruncated>false</IsTruncated>"),
                "ListMFADevices" => Xml("ListMFADevices", "<MFADevices/><IsTruncated>false</IsTruncated>"),
                "ListAccessKeys" => Xml("ListAccessKeys", "<AccessKeyMetadata/><IsTruncated>false</IsTruncated>"),
                _ => ProxyFault.Answer(new CannedResponse(500, "unexpected " + call.Operation)),
            },
        };
        using var iam = new ProtocolClient(Credentials, IamApi.Service, "us-east-1", proxy.Endpoint);
        var log = new CollectionLog();

        var (users, root) = await new IamCollector(iam, log, 4).CollectAsync(CancellationToken.None);

        users.Should().ContainSingle().Which.UserName.Should().Be("alice");
        root.Should().BeNull();
        var gap = log.Gaps.Should().ContainSingle().Subject;
        gap.Service.Should().Be(DataSource.CredentialReport);
        gap.ErrorCode.Should().Be("MalformedResponse");
        gap.Message.Should().Contain("credential report");
    }

    private static ProxyFault Xml(string operation, string result) => ProxyFault.Answer(new CannedResponse(200,
        $"<{operation}Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><{operation}Result>{result}</{operation}Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></{operation}Response>",
        "text/xml"));
}
