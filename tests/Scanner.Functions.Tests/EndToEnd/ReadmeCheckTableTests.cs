using Scanner.Commands;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>The README's check table is the catalog's, word for word, as the command the README names prints it.</summary>
public sealed class ReadmeCheckTableTests
{
    private const string Begin = "<!-- checks:begin -->";
    private const string End = "<!-- checks:end -->";

    [Fact]
    public void The_README_check_table_is_the_one_the_catalog_renders()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        begin.Should().BeGreaterThanOrEqualTo(0, because: $"README.md marks the generated table with {Begin}");
        end.Should().BeGreaterThan(begin, because: $"README.md closes the generated table with {End}");
        readme.IndexOf(Begin, begin + 1, StringComparison.Ordinal).Should().Be(-1, because: "there is one generated table");

        var inReadme = readme[(begin + Begin.Length)..end].Trim('\n');
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = OrganizationScannerCommands.Root(stdout, stderr, interactive: false).Parse(["checks", "--markdown"]).Invoke();
        var generated = stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n');

        exit.Should().Be(0, stderr.ToString());
        generated.Should().StartWith("|");
        inReadme.Should().Be(generated,
            because: "the README's check table is generated from the catalog and has drifted from it; regenerate it with "
            + "`dotnet run --project functions/Scanner.Cli -- checks --markdown` and paste the output between the "
            + "checks:begin and checks:end markers of README.md");
    }
}
