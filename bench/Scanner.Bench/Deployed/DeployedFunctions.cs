using System.Collections;
using Amazon.Runtime;
using Scanner.Bench.Server.Model;
using Scanner.Emulator.Model;
using Scanner.Lambda.Configuration;
using Scanner.Lambda.Handlers;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

namespace Scanner.Bench.Deployed;

/// <summary>
/// The real functions, built and invoked as Lambda builds and invokes them: settings from the environment the SAM
/// template gives them (FunctionSettings), the handler from FunctionComposition once per execution environment, each
/// invocation through the LambdaHandler delegate with an InvocationContext whose token is cancelled the Lambda host's
/// margin before the deadline. Every use of Scanner.Lambda's composition is in this file.
/// </summary>
internal static class DeployedFunctions
{
    /// <summary>The scanner runs in the management account in the bench (its credentials name it to the server).</summary>
    public static string ScannerAccountId => OrganizationGenerator.ManagementAccountId;

    public static string FunctionArn(string name) => $"arn:aws:lambda:{AwsRegions.Home}:{ScannerAccountId}:function:{name}";

    /// <summary>The functions' variables, as template.yaml sets them, pointed at the bench server.</summary>
    public static Dictionary<string, string> Environment(string endpoint, string queueUrl) => new(StringComparer.Ordinal)
    {
        ["AUDIT_ROLE_NAME"] = ScanHarness.Policy.AuditRoleName,
        ["APPROVED_REGIONS"] = string.Join(',', ScanHarness.Policy.ApprovedRegions),
        ["REQUIRED_TAGS"] = string.Join(',', ScanHarness.Policy.RequiredTags),
        ["AWS_REGION"] = AwsRegions.Home,
        ["AWS_ENDPOINT_URL"] = endpoint,
        ["SCAN_QUEUE_URL"] = queueUrl,
    };

    public static AWSCredentials Credentials => ScanHarness.Environment("http://unused").Credentials;

    /// <summary>One dispatcher invocation (init included, as on a cold start): the response and how long the handler ran.</summary>
    public static async Task<(byte[] Response, TimeSpan Billed)> DispatchAsync(IDictionary environment, ReadOnlyMemory<byte> payload, TimeSpan timeout)
    {
        var log = new JsonLog(Stream.Null);
        var started = TimeProvider.System.GetTimestamp();
        var handler = await FunctionComposition.DispatcherAsync(FunctionSettings.FromEnvironment(environment, FunctionRole.Dispatcher), log, Credentials);
        var response = await InvokeAsync(handler, FunctionArn("Dispatcher"), payload, timeout);
        return (response, TimeProvider.System.GetElapsedTime(started));
    }

    /// <summary>The scanner's handler for one execution environment, logging to <paramref name="log"/>.</summary>
    public static Task<LambdaHandler> AccountScannerAsync(IDictionary environment, Stream log)
        => FunctionComposition.AccountScannerAsync(FunctionSettings.FromEnvironment(environment, FunctionRole.AccountScanner), new JsonLog(log), Credentials);

    public static string ScannerArn => FunctionArn("AccountScanner");

    /// <summary>Invokes a handler with a deadline <paramref name="timeout"/> away, its token cancelled the host's margin before.</summary>
    public static async Task<byte[]> InvokeAsync(LambdaHandler handler, string functionArn, ReadOnlyMemory<byte> payload, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var margin = new LambdaHostOptions().DeadlineMargin;
        using var cancellation = new CancellationTokenSource(timeout > margin ? timeout - margin : timeout);
        var context = new InvocationContext(Guid.NewGuid().ToString(), deadline, functionArn, null) { CancellationToken = cancellation.Token };
        return await handler(context, payload, cancellation.Token);
    }
}
