using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.Templates;

/// <summary>
/// The test projects stand apart: each builds and runs on its own, so they run side by side from one build, and none
/// builds the shipped executable. What they run of the CLI is its commands library (Scanner.Commands); what they share
/// is Scanner.Testing, a library and not a test project.
/// </summary>
public sealed class TestProjectReferenceTests
{
    private const string CliExecutable = "functions/Scanner.Cli/Scanner.Cli.csproj";

    private static readonly IReadOnlyList<ProjectFile> TestProjects = [.. ProjectFile.All().Where(p => p.IsTestProject)];

    [Fact]
    public void The_test_projects_are_found_and_their_shared_library_is_not_one()
    {
        TestProjects.Select(p => p.RelativePath).Should().Contain(
            ["tests/Scanner.Core.Tests/Scanner.Core.Tests.csproj", "tests/Scanner.Aws.Tests/Scanner.Aws.Tests.csproj", "tests/Scanner.Functions.Tests/Scanner.Functions.Tests.csproj"]);
        ProjectFile.Load("tests/Scanner.Testing/Scanner.Testing.csproj").IsTestProject.Should().BeFalse("the tests' shared support is a library they may all reference");
    }

    [Fact]
    public void No_test_project_references_the_CLI_executable_even_through_another_project()
    {
        foreach (var project in TestProjects)
        {
            ProjectFile.Closure(project.RelativePath).Should().NotContain(CliExecutable,
                $"{project} runs the CLI in-process through functions/Scanner.Commands, never through the executable");
        }
    }

    [Fact]
    public void No_test_project_references_another()
    {
        var testProjects = TestProjects.Select(p => p.RelativePath).ToHashSet(StringComparer.Ordinal);

        foreach (var project in TestProjects)
        {
            ProjectFile.Closure(project.RelativePath).Where(p => p != project.RelativePath).Should().NotIntersectWith(testProjects,
                $"{project} shares what it needs through tests/Scanner.Testing, a library, not through another test project");
        }
    }

    [Fact]
    public void Every_test_project_uses_the_one_test_support_library()
    {
        foreach (var project in TestProjects)
        {
            ProjectFile.Closure(project.RelativePath).Should().Contain("tests/Scanner.Testing/Scanner.Testing.csproj",
                $"{project} takes its builders, fakes and fixtures from the shared library instead of keeping its own");
        }
    }
}
