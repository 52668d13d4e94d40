using System.Text.Json;
using System.Text.Json.Nodes;
using Scanner.Commands;
using Scanner.Functions.Tests.EndToEnd;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.Browser;

/// <summary>
/// The HTML report of a demo scan, opened in headless Chromium and driven through the DevTools protocol as a reader
/// would: it loads with no console errors and no network request, its filters (account, OU, check, severity,
/// status) show exactly the findings that match, and a header click sorts the table. A screenshot is kept.
/// </summary>
[Collection(DemoMotoCollection.Name)]
public sealed class HtmlReportBrowserTests(MotoFixture moto) : SeededDemoTests(moto)
{
    private static readonly TimeSpan Patience = Scanner.Testing.Patience.Step;
    [Fact]
    public async Task The_report_filters_and_sorts_in_a_real_browser_without_errors()
    {
        var report = Cli.TempPath("report.html");
        var run = await DemoCli.RunAsync(Cli.Request(Moto.Endpoint, OutputFormat.Json) with { HtmlFile = report });
        run.ExitCode.Should().Be(ScanRunner.ExitFindings, because: run.ToString());
        var listed = DemoExpectations.Rows(run.Stdout).Where(r => r.Text("status") != "PASSED").ToList();
        listed.Should().NotBeEmpty();

        await using var chromium = await HeadlessChromium.StartAsync();
        await using var page = await chromium.OpenPageAsync();
        foreach (var domain in new[] { "Runtime.enable", "Log.enable", "Page.enable", "Network.enable" })
        {
            await page.SendAsync(domain, null, Patience);
        }

        await page.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = 1280, ["height"] = 900, ["deviceScaleFactor"] = 1, ["mobile"] = false }, Patience);
        await page.SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(report).AbsoluteUri }, Patience);
        await page.WaitForEventAsync("Page.loadEventFired", Patience);

        // Everything listed, nothing hidden, before any filter.
        (await VisibleAsync(page)).Should().HaveCount(listed.Count);
        (await TextAsync(page, "document.getElementById('shown').textContent")).Should().Be($"{listed.Count} of {listed.Count} findings");

        // One account.
        var paymentsProd = Demo.AccountId("payments-prod");
        await SelectAsync(page, "account", paymentsProd);
        var visible = await VisibleAsync(page);
        visible.Should().HaveCount(listed.Count(r => r.Text("accountId") == paymentsProd)).And.OnlyContain(r => r.Account == paymentsProd);
        (await TextAsync(page, "document.getElementById('shown').textContent")).Should().Be($"{visible.Count} of {listed.Count} findings");

        // An OU takes in the OUs below it: Workloads holds payments-dev and, through Workloads/Production, payments-prod.
        await SelectAsync(page, "account", "");
        await SelectAsync(page, "ou", "Workloads");
        var inWorkloads = new[] { paymentsProd, Demo.AccountId("payments-dev") };
        visible = await VisibleAsync(page);
        visible.Should().HaveCount(listed.Count(r => inWorkloads.Contains(r.Text("accountId"))));
        visible.Select(r => r.Account).Distinct().Should().BeEquivalentTo(inWorkloads);

        // Severity and status together, then a check.
        await SelectAsync(page, "ou", "");
        await SelectAsync(page, "severity", "Medium");
        await SelectAsync(page, "status", "FAILED");
        visible = await VisibleAsync(page);
        visible.Should().HaveCount(listed.Count(r => r.Text("severity") == "MEDIUM" && r.Text("status") == "FAILED")).And.NotBeEmpty();
        visible.Should().OnlyContain(r => r.Severity == "Medium" && r.Status == "FAILED");
        await SelectAsync(page, "severity", "");
        await SelectAsync(page, "status", "");
        await SelectAsync(page, "check", "iam.local-user");
        visible = await VisibleAsync(page);
        visible.Should().HaveCount(listed.Count(r => r.Text("checkId") == "iam.local-user")).And.OnlyContain(r => r.Check == "iam.local-user");
        await SelectAsync(page, "check", "");

        // Sorting: a header click sorts by that column, a second click reverses it.
        await ClickHeaderAsync(page, "Account");
        var accounts = (await VisibleAsync(page)).Select(r => r.Account).ToList();
        accounts.Should().HaveCount(listed.Count).And.BeInAscendingOrder(StringComparer.Ordinal);
        await ClickHeaderAsync(page, "Account");
        (await VisibleAsync(page)).Select(r => r.Account).Should().BeInDescendingOrder(StringComparer.Ordinal);
        await ClickHeaderAsync(page, "Severity");
        (await VisibleAsync(page)).Select(r => SeverityRank(r.Severity)).Should().BeInAscendingOrder();
        (await TextAsync(page, "document.querySelector('th[aria-sort]').textContent")).Should().Be("Severity");

        var screenshot = await page.SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" }, Patience);
        var png = Convert.FromBase64String(screenshot.GetProperty("data").GetString()!);
        png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }).Should().BeTrue("a PNG");
        await File.WriteAllBytesAsync(TestArtifacts.PathFor("html-report.png"), png);

        var problems = page.Events.Where(IsProblem).Select(e => e.GetRawText()).ToList();
        problems.Should().BeEmpty(because: "the page runs without console errors or exceptions");
        page.Events.Where(e => e.GetProperty("method").GetString() == "Network.requestWillBeSent")
            .Select(e => e.GetProperty("params").GetProperty("request").GetProperty("url").GetString())
            .Should().OnlyContain(url => url!.StartsWith("file:", StringComparison.Ordinal), because: "the report is self-contained: it fetches nothing");
    }

    private static bool IsProblem(JsonElement e) => e.GetProperty("method").GetString() switch
    {
        "Runtime.exceptionThrown" => true,
        "Runtime.consoleAPICalled" => e.GetProperty("params").GetProperty("type").GetString() is "error" or "assert",
        "Log.entryAdded" => e.GetProperty("params").GetProperty("entry").GetProperty("level").GetString() is "error",
        _ => false,
    };

    private static int SeverityRank(string severity) => severity switch
    {
        "Informational" => 0, "Low" => 1, "Medium" => 2, "High" => 3, "Critical" => 4, _ => throw new ArgumentException(severity),
    };

    /// <summary>Chooses an option of a filter as a reader does: the select's value changes and it fires change.</summary>
    private static async Task SelectAsync(DevToolsSession page, string filter, string value) =>
        await page.EvaluateAsync(
            $"(()=>{{const s=document.getElementById('filter-{filter}');s.value={JsonSerializer.Serialize(value)};" +
            $"if(s.value!=={JsonSerializer.Serialize(value)})throw new Error('no option '+{JsonSerializer.Serialize(value)});s.dispatchEvent(new Event('change'));}})()",
            Patience);

    private static async Task ClickHeaderAsync(DevToolsSession page, string header) =>
        await page.EvaluateAsync(
            $"[...document.querySelectorAll('#findings th')].find(th=>th.textContent.trim()==={JsonSerializer.Serialize(header)}).click()", Patience);

    private static async Task<string> TextAsync(DevToolsSession page, string expression) =>
        (await page.EvaluateAsync(expression, Patience)).GetString()!;

    /// <summary>The rows a reader sees, top to bottom: what each shows in its cells, not what its data attributes say.</summary>
    private static async Task<IReadOnlyList<ShownRow>> VisibleAsync(DevToolsSession page)
    {
        var rows = await page.EvaluateAsync(
            "[...document.querySelectorAll('#findings tbody tr')].filter(r=>r.offsetParent!==null).map(r=>[...r.cells].map(c=>c.textContent.trim()))",
            Patience);
        return [.. rows.EnumerateArray().Select(r => new ShownRow(
            r[0].GetString()!, r[1].GetString()!, r[2].GetString()!.Split(' ')[0], r[3].GetString()!, r[5].GetString()!))];
    }

    private sealed record ShownRow(string Severity, string Status, string Account, string Ou, string Check);
}
