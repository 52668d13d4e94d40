using System.Text.RegularExpressions;
using Scanner.Commands;
using Scanner.Commands.Output;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// The table format fits where it is printed: on a terminal the tables fill the terminal's width; redirected to a
/// file or a pipe, every line stays within 80 columns (nothing wraps) and still names every finding.
/// </summary>
[Collection(DemoMotoCollection.Name)]
public sealed partial class TableWidthTests(MotoFixture moto) : SeededDemoTests(moto)
{
    [Theory]
    [InlineData(100)]
    [InlineData(160)]
    public async Task On_a_terminal_the_tables_fill_its_width(int width)
    {
        var run = await DemoCli.RunAsync(Cli.Request(Moto.Endpoint, OutputFormat.Table), terminalWidth: width);

        run.ExitCode.Should().Be(ScanRunner.ExitFindings, because: run.ToString());
        var lines = Lines(run.Stdout);
        lines.Max(l => l.Length).Should().Be(width, because: $"the tables expand to the terminal's {width} columns\n{run.Stdout}");
        lines.Where(l => l.StartsWith('╭')).Should().NotBeEmpty().And.OnlyContain(l => l.Length == width, because: "every table is as wide as the terminal");
        run.Stdout.Should().Contain(Demo.AccountId("payments-prod"));
    }

    [Fact]
    public async Task Redirected_the_lines_stay_within_80_columns_and_name_every_finding()
    {
        var json = DemoExpectations.Rows((await DemoCli.RunAsync(Cli.Request(Moto.Endpoint, OutputFormat.Json))).Stdout);
        var run = await DemoCli.RunAsync(Cli.Request(Moto.Endpoint, OutputFormat.Table), terminalWidth: null);

        run.ExitCode.Should().Be(ScanRunner.ExitFindings, because: run.ToString());
        var lines = Lines(run.Stdout);
        lines.Where(l => l.Length > 80).Should().BeEmpty(because: $"redirected output never wraps at 80 columns\n{run.Stdout}");
        run.Stdout.Should().NotContainAny(["│", "╭", "─"], because: "plain lines, no box drawing");

        var flowed = Spaces().Replace(run.Stdout, " ");
        var shown = json.Where(r => r.Text("status") != "PASSED").ToList();
        shown.Should().NotBeEmpty();
        foreach (var row in shown)
        {
            flowed.Should().Contain($"{row.Text("severity")} {row.Text("status")} {row.Text("checkId")} {row.Text("region")}", because: $"a line heads {row.Key()}");
            flowed.Should().Contain(Spaces().Replace(row.Text("title"), " "), because: "the title follows, wrapped at word boundaries");
        }

        json.Where(r => r.Text("status") == "PASSED").Select(r => r.Text("title")).Where(t => !shown.Any(s => s.Text("title") == t))
            .Should().OnlyContain(t => !flowed.Contains(t, StringComparison.Ordinal), because: "passed results are counted, not listed");
        flowed.Should().Contain("9 account(s) scanned, 0 not scanned; 18 failure(s)");
    }

    [Fact]
    public void Wrapping_breaks_at_spaces_indents_continuations_and_cuts_only_words_longer_than_a_line()
    {
        var arn = "arn:aws:lambda:us-east-1:111122223333:function:" + new string('x', 60);
        var text = "      Lambda function " + arn + " runs in the management account, which is for billing and governance only.";

        var lines = FixedWidthReport.Wrap(text, "      ").ToList();

        lines.Should().OnlyContain(l => l.Length <= 80);
        lines.Skip(1).Should().OnlyContain(l => l.StartsWith("      ", StringComparison.Ordinal));
        string.Concat(lines.Select(l => l.Trim())).Should().Contain(arn, because: "the cut ARN reads on across the lines");
        lines[^1].Should().EndWith("governance only.");
        FixedWidthReport.Wrap("short", "  ").Should().Equal(["short"]);
    }

    private static List<string> Lines(string text) => [.. text.Split('\n').Select(l => l.TrimEnd('\r'))];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
