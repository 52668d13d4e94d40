using System.Collections.Concurrent;
using Scanner.Aws.Errors;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Collectors;

/// <summary>
/// Gathers what a collection could not read, from every concurrent collector of one account.
/// Only AWS errors become gaps; a bug (any other exception) is not hidden as a gap and fails the scan.
/// </summary>
public sealed class CollectionLog
{
    private readonly ConcurrentQueue<CollectionGap> _gaps = new();

    public IReadOnlyList<CollectionGap> Gaps => [.. _gaps];

    public void Add(string source, string? region, AwsServiceException error)
        => _gaps.Enqueue(new CollectionGap(source, region, error.Operation, error.ErrorCode, error.ErrorMessage));

    /// <summary>Runs one collection step; an AWS error is recorded as a gap for (source, region) and the fallback returned.</summary>
    public async Task<T> TryAsync<T>(string source, string? region, Func<Task<T>> step, T fallback)
    {
        try
        {
            return await step();
        }
        catch (AwsServiceException e)
        {
            Add(source, region, e);
            return fallback;
        }
    }
}
