using Scanner.Aws.Services;

namespace Scanner.Aws.Publishing;

/// <summary>Cuts findings into BatchImportFindings requests: in order, at most so many findings and so many bytes each.</summary>
internal static class ImportBatches
{
    public static List<List<AsffFinding>> Split(IReadOnlyList<(AsffFinding Finding, int Bytes)> findings, int maxCount, int maxBytes)
    {
        var batches = new List<List<AsffFinding>>();
        var current = new List<AsffFinding>();
        long bytes = 0;
        foreach (var (finding, size) in findings)
        {
            if (current.Count > 0 && (current.Count == maxCount || bytes + size > maxBytes))
            {
                batches.Add(current);
                current = [];
                bytes = 0;
            }

            current.Add(finding);
            bytes += size;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }
}
