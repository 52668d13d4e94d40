using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Emulator.Hosting;

namespace Scanner.Aws.Tests.Faults;

/// <summary>
/// An error from a signed call, with everything it carries (message, ToString with inner exceptions and stack, Data),
/// never contains the secret key or the session token that signed it, whichever client and protocol made the call.
/// </summary>
public sealed class SignedCallErrorTests
{
    private const string AccessKey = "ASIAFAULTSTESTKEY001";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzFAULTSKEY";
    private const string Token = "FQoGZXIvYXdzEFAULTS//////////wEaDHRlc3Qtc2Vzc2lvbi10b2tlbi1mb3ItZmF1bHRzLXRlc3RzIgZzZWNyZXQ=";

    private static readonly AWSCredentials Signing = new SessionAWSCredentials(AccessKey, Secret, Token);

    public static TheoryData<string> Protocols => ["query", "awsJson", "restJson", "ec2", "sts"];

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task A_refused_signed_call_carries_neither_the_secret_nor_the_session_token(string protocol)
    {
        using var server = new RecordingServer(Refusal(protocol));

        var error = await FailAsync(protocol, server.Endpoint);

        server.Requests.Should().NotBeEmpty();
        var signed = server.Requests[0];
        (signed.Header("Authorization") ?? "").Should().Contain($"Credential={(protocol == "sts" ? "ASIAMANAGEMENT000001" : AccessKey)}/", "the call was signed");
        if (protocol != "sts")
        {
            signed.Header("X-Amz-Security-Token").Should().Be(Token, "the token travelled with the call");
        }

        Leaks(error).Should().BeEmpty();
        error.Message.Should().Contain(error.ErrorCode);
    }

    [Fact]
    public async Task A_signed_call_that_cannot_connect_carries_neither_the_secret_nor_the_session_token()
    {
        var error = await FailAsync("query", LoopbackPort.ClosedEndpoint());

        error.ErrorCode.Should().Be("ConnectionFailure");
        Leaks(error).Should().BeEmpty();
    }

    private static async Task<AwsServiceException> FailAsync(string protocol, string endpoint)
    {
        try
        {
            switch (protocol)
            {
                case "query":
                    using (var iam = new ProtocolClient(Signing, IamApi.Service, "us-east-1", endpoint))
                    {
                        await iam.SendAsync(IamApi.ListUsers.Operation, new ListUsersRequest(), CancellationToken.None);
                    }

                    break;
                case "awsJson":
                    using (var organizations = new ProtocolClient(Signing, OrganizationsApi.Service, "us-east-1", endpoint))
                    {
                        await organizations.SendAsync(OrganizationsApi.ListAccountsForParent.Operation, new ListAccountsForParentRequest("r-ab12"), CancellationToken.None);
                    }

                    break;
                case "restJson":
                    using (var hub = new ProtocolClient(Signing, SecurityHubApi.Service, "us-east-1", endpoint))
                    {
                        await hub.SendAsync(SecurityHubApi.GetFindings.Operation, new GetFindingsRequest(new AsffFilters()), CancellationToken.None);
                    }

                    break;
                case "ec2":
                    using (var ec2 = new AmazonEC2Client(Signing, OfficialClients.Configure(new AmazonEC2Config(), "us-east-1", endpoint)))
                    {
                        try
                        {
                            await ec2.DescribeInstancesAsync(new DescribeInstancesRequest());
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            throw AwsServiceException.From(e, "EC2", "DescribeInstances");
                        }
                    }

                    break;
                default:
                    // The scanner's own credentials signing AssumeRole, refused: the error the account scan reports.
                    var environment = new AwsEnvironment
                    {
                        Region = "us-east-1",
                        EndpointUrl = endpoint,
                        Credentials = new SessionAWSCredentials("ASIAMANAGEMENT000001", Secret, Token),
                    };
                    using (var sessions = new AccountSessionFactory(environment, "OrganizationComplianceAudit", "external-id-1"))
                    {
                        await sessions.ForAccountAsync("210987654321", CancellationToken.None);
                    }

                    break;
            }
        }
        catch (AwsServiceException e)
        {
            return e;
        }

        throw new InvalidOperationException("The call was expected to fail.");
    }

    private static CannedResponse Refusal(string protocol) => protocol switch
    {
        "query" or "sts" => new(403, "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.</Message></Error><RequestId>1</RequestId></ErrorResponse>", "text/xml"),
        "awsJson" => new(400, """{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}"""),
        "restJson" => new(403, """{"message":"The security token included in the request is invalid."}""", "application/json",
            new Dictionary<string, string> { ["x-amzn-ErrorType"] = "UnrecognizedClientException" }),
        _ => new(401, "<Response><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate the provided access credentials</Message></Error></Errors><RequestID>1</RequestID></Response>", "text/xml"),
    };

    /// <summary>Where the error shows the secret or the token, in any of the forms they could be written in.</summary>
    private static IEnumerable<string> Leaks(Exception error)
    {
        var texts = new List<string> { error.ToString(), error.Message };
        for (var e = error; e is not null; e = e.InnerException)
        {
            texts.Add(e.Message);
            texts.AddRange(e.Data.Values.OfType<object>().Select(v => v.ToString() ?? ""));
        }

        var forms = new[] { Secret, Secret[..16], Token, Token[..24], Uri.EscapeDataString(Secret), Uri.EscapeDataString(Token) };
        return forms.Where(form => texts.Any(t => t.Contains(form, StringComparison.Ordinal)));
    }
}
