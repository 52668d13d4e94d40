using System.Text;
using System.Xml.Linq;
using Scanner.Demo;
using Scanner.Functions.Tests.Support;
using Scanner.Lambda.Permissions;

namespace Scanner.Functions.Tests.Templates;

/// <summary>
/// The calls that actually reach AWS (moto, through a recording proxy) during a published scan of the demo
/// organization, by the role that made them: each must be one the role's template grants (no call without a grant),
/// and every action granted to the audit role must be made (no grant without a call).
/// </summary>
[Collection(FunctionsMotoCollection.Name)]
public sealed class CallsMadeTests(MotoFixture moto)
{
    [Fact]
    public async Task Every_call_of_a_published_demo_scan_is_granted_and_every_audit_grant_is_used()
    {
        var demo = await moto.FreshDemoAsync();

        // The demo has a GuardDuty detector in every Region of every account, so the scan reads detectors as well as listing them.
        using var proxy = new AwsProxy(moto.Endpoint)
        {
            // A report that lacks the users (as when they were created after it was generated) makes the collector
            // read them with per-user calls: the scan then makes every call the audit role is granted.
            RewriteResponse = (call, response) => call.Operation == "GetCredentialReport" ? WithoutUserRows(response) : null,
        };

        var outcome = await CliScan.RunAsync(proxy.Endpoint, publish: true);

        outcome.ExitCode.Should().Be(3, outcome.ToString());
        var auditKeys = GrantedActions.IssuedFor(proxy, DemoOrganization.MemberRoleName);
        auditKeys.Should().NotBeEmpty();

        var byAuditRole = GrantedActions.MadeWith(proxy, auditKeys);
        byAuditRole.Should().BeSubsetOf(RolePermissions.AuditRole, "every call made through the audit role is granted by audit-role.yaml");
        RolePermissions.AuditRole.Should().BeSubsetOf(byAuditRole, "every action audit-role.yaml grants is one a scan makes");

        // The CLI's own credentials do the dispatcher's and the scanner's part in one process; GetCallerIdentity needs no grant.
        var byScanner = GrantedActions.MadeWith(proxy, proxy.Calls.Select(c => c.AccessKeyId).OfType<string>().Where(key => !auditKeys.Contains(key)).ToHashSet(StringComparer.Ordinal));
        byScanner.Should().BeSubsetOf(RolePermissions.Dispatcher.Union(RolePermissions.AccountScanner),
            "the organization read, AssumeRole and the scan-health findings are granted to the function roles");
    }

    /// <summary>The credential report with only its header and the root user's row.</summary>
    private static ProxiedResponse WithoutUserRows(ProxiedResponse response)
    {
        var document = XDocument.Parse(response.Text);
        var content = document.Descendants().Single(e => e.Name.LocalName == "Content");
        var lines = Encoding.UTF8.GetString(Convert.FromBase64String(content.Value)).Split('\n');
        var kept = lines.Where((line, i) => i == 0 || line.StartsWith("<root_account>,", StringComparison.Ordinal));
        content.Value = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\n', kept)));
        return response.WithText(document.ToString(SaveOptions.DisableFormatting));
    }
}
