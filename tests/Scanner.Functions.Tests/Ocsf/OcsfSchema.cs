using System.Text.Json;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.Ocsf;

/// <summary>
/// The compiled OCSF 1.6.0 schema kept in the project's shared folder, beside the repository (&lt;repo&gt;/../shared/ocsf;
/// CI gets a copy of shared/ beside its clone). A worktree sits one level deeper, so the folders above are tried in turn.
/// </summary>
public static class OcsfSchema
{
    public static string Folder { get; } = Locate();

    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "ocsf-1.6.0-schema.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    private static string Locate()
    {
        for (var directory = Directory.GetParent(Repository.Root); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "ocsf");
            if (File.Exists(Path.Combine(candidate, "ocsf-1.6.0-schema.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"The compiled OCSF schema was not found: expected {Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "ocsf", "ocsf-1.6.0-schema.json"))} (the project's shared/ folder beside the repository).");
    }
}
