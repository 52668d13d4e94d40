using System.Diagnostics;
using Scanner.Emulator.Lambda;

namespace Scanner.Bench;

/// <summary>
/// Cold start of a Lambda bootstrap (the Native AOT `bootstrap` the Makefile builds): process start to its first request
/// to the Runtime API, over several starts, with the settings a deployed function has (pointed at the bench server).
/// </summary>
internal static class StartupProbe
{
    public static async Task<(List<double> Milliseconds, string FirstRequest)> RunAsync(string bootstrap, string endpoint, int runs)
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        var times = new List<double>();
        var first = "";
        for (var run = 0; run < runs; run++)
        {
            api.Reset();
            var start = new ProcessStartInfo(bootstrap)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
            start.Environment["AWS_REGION"] = "us-east-1";
            start.Environment["AWS_ENDPOINT_URL"] = endpoint;
            start.Environment["AWS_ACCESS_KEY_ID"] = "AKIA" + Server.Model.OrganizationGenerator.ManagementAccountId + "LMBD";
            start.Environment["AWS_SECRET_ACCESS_KEY"] = "bench-secret-key";
            start.Environment["AUDIT_ROLE_NAME"] = "OrganizationComplianceAudit";
            start.Environment["APPROVED_REGIONS"] = "us-east-1,eu-west-1";
            start.Environment["REQUIRED_TAGS"] = "owner,cost-center";
            start.Environment["SCAN_QUEUE_URL"] = endpoint + "/123456789012/scan-queue";
            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{bootstrap} did not start.");
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var (at, request) = await api.FirstRequest.WaitAsync(TimeSpan.FromSeconds(30));
            times.Add(Stopwatch.GetElapsedTime(started, at).TotalMilliseconds);
            first = request;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return (times, first);
    }
}
