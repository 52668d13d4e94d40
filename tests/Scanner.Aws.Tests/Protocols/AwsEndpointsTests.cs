using System.Diagnostics;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using static Scanner.Aws.Tests.Protocols.ProtocolTestClients;

namespace Scanner.Aws.Tests.Protocols;

/// <summary>The global services the scanner calls itself (IAM, Organizations), in every partition it supports.</summary>
public sealed class AwsEndpointsTests
{
    /// <summary>What botocore's endpoint rule sets resolve (standard endpoints: no FIPS, no dual-stack), by service and Region.</summary>
    public static TheoryData<string, string, string, string> GlobalEndpoints => new()
    {
        { "iam", "us-east-1", "https://iam.amazonaws.com", "us-east-1" },
        { "iam", "eu-west-1", "https://iam.amazonaws.com", "us-east-1" },
        { "iam", "cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1" },
        { "iam", "cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1" },
        { "iam", "us-gov-west-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1" },
        { "iam", "us-gov-east-1", "https://iam.us-gov.amazonaws.com", "us-gov-west-1" },
        { "organizations", "us-east-1", "https://organizations.us-east-1.amazonaws.com", "us-east-1" },
        { "organizations", "eu-west-1", "https://organizations.us-east-1.amazonaws.com", "us-east-1" },
        { "organizations", "cn-north-1", "https://organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1" },
        { "organizations", "cn-northwest-1", "https://organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1" },
        { "organizations", "us-gov-west-1", "https://organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1" },
        { "organizations", "us-gov-east-1", "https://organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1" },
    };

    private static AwsServiceModel Service(string name) => name == "iam" ? IamApi.Service : OrganizationsApi.Service;

    [Theory]
    [MemberData(nameof(GlobalEndpoints))]
    public void A_global_service_goes_to_its_partitions_host_signed_for_its_region(string service, string region, string url, string signingRegion)
    {
        var endpoint = AwsEndpoints.Resolve(Service(service), region, null);

        endpoint.Url.Should().Be(new Uri(url));
        endpoint.SigningRegion.Should().Be(signingRegion);
    }

    [Theory]
    [MemberData(nameof(GlobalEndpoints))]
    public void The_table_is_what_botocores_rule_sets_resolve(string service, string region, string url, string signingRegion)
    {
        // Runs botocore's own endpoint resolver on its rule set and partitions.json, on this machine.
        const string Script =
            "import sys,botocore.session as s\n"
            + "c=s.get_session().create_client(sys.argv[1],region_name=sys.argv[2],aws_access_key_id='a',aws_secret_access_key='b')\n"
            + "m=c.meta.service_model\n"
            + "e=c._ruleset_resolver.construct_endpoint(m.operation_model(m.operation_names[0]),None,{})\n"
            + "print(e.url, e.properties['authSchemes'][0]['signingRegion'])\n";
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", Script, service, region })
        {
            start.ArgumentList.Add(argument);
        }

        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEnd().Trim();
        python.WaitForExit();

        output.Should().Be($"{url} {signingRegion}", python.StandardError.ReadToEnd());
    }

    [Theory]
    [InlineData("cn-north-1", "cn-northwest-1")]
    [InlineData("us-gov-east-1", "us-gov-west-1")]
    [InlineData("eu-west-1", "us-east-1")]
    public async Task An_overridden_endpoint_is_still_signed_for_the_services_region(string region, string signingRegion)
    {
        using var server = new RecordingServer(new CannedResponse(200, """{"Accounts":[]}"""));
        using var client = For(OrganizationsApi.Service, server, region);

        await client.SendAsync(OrganizationsApi.ListAccountsForParent.Operation, new ListAccountsForParentRequest("r-ab12"), default);

        Scope(server.Single).Should().Be((signingRegion, "organizations"));
    }
}
