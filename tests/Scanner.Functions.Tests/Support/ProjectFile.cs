using System.Xml.Linq;

namespace Scanner.Functions.Tests.Support;

/// <summary>
/// A project of the repository, read from its .csproj as XML (what MSBuild would evaluate is not needed: the
/// structure tests ask only what a project declares). Paths are from the repository root, with forward slashes.
/// </summary>
public sealed class ProjectFile
{
    private readonly XDocument _document;

    private ProjectFile(string path)
    {
        RelativePath = path;
        _document = XDocument.Load(Repository.PathOf(path));
    }

    public string RelativePath { get; }

    /// <summary>The projects it references directly.</summary>
    public IReadOnlyList<string> References =>
    [
        .. _document.Descendants("ProjectReference").Select(reference =>
        {
            var directory = Path.GetDirectoryName(Repository.PathOf(RelativePath))!;
            var full = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', '/')));
            return Path.GetRelativePath(Repository.Root, full).Replace('\\', '/');
        }),
    ];

    public bool IsTestProject => string.Equals(Property("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase);

    public bool IsExecutable => string.Equals(Property("OutputType"), "Exe", StringComparison.OrdinalIgnoreCase);

    /// <summary>The assembly it builds: its AssemblyName, else the project file's name.</summary>
    public string AssemblyName => Property("AssemblyName") ?? Path.GetFileNameWithoutExtension(RelativePath);

    public static ProjectFile Load(string path) => new(path);

    /// <summary>Every project file in the repository, outside build output and hidden folders.</summary>
    public static IReadOnlyList<ProjectFile> All() =>
    [
        .. Directory.EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
            .Select(full => Path.GetRelativePath(Repository.Root, full).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(folder => folder is "bin" or "obj" || folder.StartsWith('.')))
            .Order(StringComparer.Ordinal)
            .Select(Load),
    ];

    /// <summary>The project and every project it references, directly or not.</summary>
    public static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (seen.Add(current))
            {
                foreach (var reference in Load(current).References)
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    private string? Property(string name) => _document.Descendants(name).Select(e => e.Value.Trim()).LastOrDefault();

    public override string ToString() => RelativePath;
}
