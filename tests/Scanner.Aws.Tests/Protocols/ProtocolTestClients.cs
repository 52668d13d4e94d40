using Amazon.Runtime;
using Scanner.Aws.Protocols;

namespace Scanner.Aws.Tests.Protocols;

internal static class ProtocolTestClients
{
    public static ProtocolClient For(AwsServiceModel service, RecordingServer server, string region = "eu-west-1") =>
        new(new BasicAWSCredentials("AKIDTESTING", "secret"), service, region, server.Endpoint);

    /// <summary>The credential scope of a SigV4 Authorization header: date/region/service/aws4_request.</summary>
    public static (string Region, string Service) Scope(RecordedRequest request)
    {
        var authorization = request.Header("Authorization");
        authorization.Should().NotBeNull().And.StartWith("AWS4-HMAC-SHA256 Credential=AKIDTESTING/");
        var credential = authorization!.Split(' ', ',').Single(p => p.StartsWith("Credential=", StringComparison.Ordinal));
        var parts = credential["Credential=".Length..].Split('/');
        parts.Should().HaveCount(5);
        parts[4].Should().Be("aws4_request");
        return (parts[2], parts[3]);
    }
}
