using System.Text.Json;
using Amazon.Runtime;
using Scanner.Functions.Tests.Events;
using Scanner.Functions.Tests.Handlers;
using Scanner.Functions.Tests.Support;
using Scanner.Lambda.Configuration;
using Scanner.Lambda.Handlers;
using Scanner.Lambda.Permissions;

namespace Scanner.Functions.Tests.Templates;

/// <summary>
/// The deployed path, role by role: the dispatcher and the account scanner composed for Lambda, each with credentials of
/// its own (as each function has its own role), run a scheduled scan of the demo organization on moto through a
/// recording proxy. Every call that reaches moto is one the role that made it is granted: the dispatcher's role, the
/// account scanner's role, or the audit role whose sessions STS issued to the scanner.
/// </summary>
[Collection(FunctionsMotoCollection.Name)]
public sealed class FunctionCallsMadeTests(MotoFixture moto)
{
    private const string DispatcherKey = "AKIADISPATCHERROLE01";
    private const string ScannerKey = "AKIAACCOUNTSCANNER01";

    [Fact]
    public async Task Every_call_of_a_scheduled_scan_is_granted_to_the_role_that_made_it()
    {
        await FunctionsOrganization.FreshAsync(moto);
        using var proxy = new AwsProxy(moto.Endpoint);
        using var sqs = FunctionHarness.Sqs(moto.Endpoint);
        var queue = await FunctionHarness.CreateQueueAsync(sqs, "calls-made");
        var dispatcher = await FunctionComposition.DispatcherAsync(
            FunctionHarness.Settings(proxy.Endpoint, queue, FunctionRole.Dispatcher), new CapturedLog().Log, new BasicAWSCredentials(DispatcherKey, "dispatcher-secret"));
        var scanner = await FunctionComposition.AccountScannerAsync(
            FunctionHarness.Settings(proxy.Endpoint, null, FunctionRole.AccountScanner), new CapturedLog().Log, new BasicAWSCredentials(ScannerKey, "scanner-secret"));

        await FunctionHarness.InvokeAsync(dispatcher, SampleEvents.Scheduled);
        var jobs = await FunctionHarness.ReceiveAllAsync(sqs, queue);
        var response = JsonDocument.Parse(await FunctionHarness.InvokeAsync(scanner, FunctionHarness.SqsEvent(jobs.Select(m => (m.MessageId, m.Body)))));

        jobs.Should().NotBeEmpty();
        response.RootElement.GetProperty("batchItemFailures").GetArrayLength().Should().Be(0, "every account of the demo organization is scanned");
        var auditKeys = GrantedActions.IssuedFor(proxy, FunctionHarness.AuditRoleName);
        auditKeys.Should().NotBeEmpty();
        proxy.Calls.Select(c => c.AccessKeyId).Should().OnlyContain(key => key == DispatcherKey || key == ScannerKey || (key != null && auditKeys.Contains(key)),
            "every call is made with one of the three roles' credentials");

        GrantedActions.MadeWith(proxy, new HashSet<string> { DispatcherKey }).Should()
            .BeSubsetOf(RolePermissions.Dispatcher, "the dispatcher's calls are granted to the dispatcher's role in template.yaml")
            .And.Contain(["organizations:ListAccountsForParent", "organizations:ListPoliciesForTarget", "sqs:SendMessage"]);
        GrantedActions.MadeWith(proxy, new HashSet<string> { ScannerKey }).Should()
            .BeSubsetOf(RolePermissions.AccountScanner, "the account scanner's own calls are granted to its role in template.yaml")
            .And.Contain("sts:AssumeRole");
        GrantedActions.MadeWith(proxy, auditKeys).Should()
            .BeSubsetOf(RolePermissions.AuditRole, "what the scanner does in an account is granted to the audit role in audit-role.yaml")
            .And.Contain(["iam:GenerateCredentialReport", "securityhub:BatchImportFindings"]);
    }
}
