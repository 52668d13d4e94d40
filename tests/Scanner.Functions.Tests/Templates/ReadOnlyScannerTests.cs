using System.Reflection;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Commands;
using Scanner.Core.Checks;
using Scanner.Demo;
using Scanner.Functions.Tests.Support;
using Scanner.Lambda.Permissions;

namespace Scanner.Functions.Tests.Templates;

/// <summary>
/// The scanner reads; the only thing it writes to an account is its own findings, into Security Hub. Every operation
/// its assemblies declare (operations are data: static <see cref="AwsOperation{TRequest, TResponse}"/> and
/// <see cref="AwsPagedOperation{TRequest, TResponse, TItem}"/> fields) must be a read, BatchImportFindings the one
/// exception. The writes the demo and the tests need are declared in demo/Scanner.Demo (SeedOperations), which no
/// project of the scanner references, and neither does any reference the emulator.
/// </summary>
public sealed class ReadOnlyScannerTests
{
    /// <summary>What ships: the protocol client and collectors, the domain, the functions' runtime and handlers, the CLI's commands.</summary>
    private static readonly Assembly[] ScannerAssemblies =
        [typeof(ProtocolClient).Assembly, typeof(CheckCatalog).Assembly, typeof(RolePermissions).Assembly, typeof(ScanRunner).Assembly];

    /// <summary>The scanner's binaries by project: the CLI and the two functions, each with what it references.</summary>
    private static readonly string[] ScannerProjects =
        ["functions/Scanner.Cli/Scanner.Cli.csproj", "functions/Dispatcher/Dispatcher.csproj", "functions/AccountScanner/AccountScanner.csproj"];

    /// <summary>The verbs of IAM actions that only read.</summary>
    private static readonly string[] ReadVerbs = ["List", "Get", "Describe"];

    /// <summary>Reads whose verb does not say so: a credential report is generated to be read, and changes nothing in the account.</summary>
    private static readonly HashSet<string> ReadsByName = new(StringComparer.Ordinal) { IamApi.GenerateCredentialReport.IamAction };

    /// <summary>The one write the scanner makes: its findings, imported into the Security Hub of the account they concern.</summary>
    private static readonly string FindingImports = SecurityHubApi.BatchImportFindings.IamAction;

    /// <summary>Whether an IAM action (service:Operation) only reads: the one place this is decided.</summary>
    private static bool IsRead(string action)
    {
        var operation = action[(action.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return ReadsByName.Contains(action)
            || ReadVerbs.Any(verb => operation.Length > verb.Length && operation.StartsWith(verb, StringComparison.Ordinal) && char.IsUpper(operation[verb.Length]));
    }

    [Fact]
    public void Every_operation_the_scanner_declares_reads_except_the_import_of_its_findings()
    {
        var declared = DeclaredActions(ScannerAssemblies);

        declared.Should().Contain([IamApi.ListUsers.Operation.IamAction, OrganizationsApi.DescribeOrganization.IamAction, FindingImports],
            "the operations are found wherever the scanner declares them");
        declared.Where(action => action != FindingImports && !IsRead(action)).Should().BeEmpty(
            "the scanner's binaries hold no write operation but BatchImportFindings: a write the demo or a test needs belongs in demo/Scanner.Demo/SeedOperations.cs");
    }

    [Fact]
    public void The_operations_are_read_from_every_library_the_scanner_binaries_reference()
    {
        var projects = ScannerProjects.SelectMany(ProjectFile.Closure).Distinct().Select(ProjectFile.Load).ToList();

        ScannerAssemblies.Select(a => a.GetName().Name).Should().BeEquivalentTo(projects.Where(p => !p.IsExecutable).Select(p => p.AssemblyName),
            "every library a binary ships with (the CLI's commands among them) may declare operations, and the read-only rule must see them all");
        foreach (var executable in projects.Where(p => p.IsExecutable))
        {
            SourceFiles(executable).Should().Equal(["Program.cs"], $"{executable} is an entry point only: what it runs lives in a library the rule reads");
        }
    }

    [Fact]
    public void The_writes_live_in_the_demo_and_are_told_from_reads()
    {
        var demo = DeclaredActions([typeof(SeedOperations).Assembly]);

        string[] writes =
        [
            SeedOperations.EnableSecurityHub.IamAction, SeedOperations.CreateAccessKey.IamAction, SeedOperations.CreateLoginProfile.IamAction,
            SeedOperations.AttachPolicy.IamAction, SeedOperations.DeleteUser.IamAction, SeedOperations.UntagResource.IamAction,
            SeedOperations.EnableRootSessions.IamAction, SeedOperations.CloseAccount.IamAction,
        ];
        demo.Should().Contain(writes);
        writes.Should().OnlyContain(action => !IsRead(action), "a write is never taken for a read");
        IsRead(SeedOperations.DescribeCreateAccountStatus.IamAction).Should().BeTrue();
        demo.Should().NotIntersectWith(DeclaredActions(ScannerAssemblies), "an operation is declared once, by the scanner if it calls it");
    }

    [Fact]
    public void No_project_of_the_scanner_references_the_demo_or_the_emulator()
    {
        foreach (var project in ScannerProjects)
        {
            var referenced = ProjectFile.Closure(project);

            referenced.Should().Contain("functions/Scanner.Aws/Scanner.Aws.csproj", $"{project} is read through its references");
            referenced.Should().NotContain(p => p.StartsWith("demo/", StringComparison.Ordinal) || p.StartsWith("emulator/", StringComparison.Ordinal),
                $"{project} ships: the demo's writes and the emulator stay out of it");
        }

        ProjectFile.Closure("demo/Scanner.Demo/Scanner.Demo.csproj").Should().Contain(
            ["emulator/Scanner.Emulator/Scanner.Emulator.csproj", "functions/Scanner.Commands/Scanner.Commands.csproj"], "the demo runs the CLI's scan on the emulator");
    }

    /// <summary>The C# files of a project, from its folder, outside build output.</summary>
    private static IEnumerable<string> SourceFiles(ProjectFile project)
    {
        var directory = Path.GetDirectoryName(Repository.PathOf(project.RelativePath))!;
        return Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(directory, file).Replace('\\', '/'))
            .Where(file => !file.StartsWith("bin/", StringComparison.Ordinal) && !file.StartsWith("obj/", StringComparison.Ordinal));
    }

    /// <summary>The IAM action of every operation declared in a static field or property of these assemblies.</summary>
    private static HashSet<string> DeclaredActions(IEnumerable<Assembly> assemblies)
    {
        const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var actions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => !t.ContainsGenericParameters))
        {
            var values = type.GetFields(Static).Where(f => IsOperation(f.FieldType)).Select(f => f.GetValue(null))
                .Concat(type.GetProperties(Static).Where(p => IsOperation(p.PropertyType) && p.GetIndexParameters().Length == 0).Select(p => p.GetValue(null)));
            actions.UnionWith(values.Select(ActionOf).OfType<string>());
        }

        return actions;
    }

    private static bool IsOperation(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition && (definition == typeof(AwsOperation<,>) || definition == typeof(AwsPagedOperation<,,>));

    private static string? ActionOf(object? operation)
    {
        if (operation is null)
        {
            return null;
        }

        var type = operation.GetType();
        return type.GetGenericTypeDefinition() == typeof(AwsPagedOperation<,,>)
            ? ActionOf(type.GetProperty(nameof(AwsPagedOperation<object, object, object>.Operation))!.GetValue(operation))
            : (string?)type.GetProperty(nameof(AwsOperation<object, object>.IamAction))!.GetValue(operation);
    }
}
