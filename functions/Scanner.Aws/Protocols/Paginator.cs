using System.Runtime.CompilerServices;
using Scanner.Aws.Errors;

namespace Scanner.Aws.Protocols;

/// <summary>Follows a paginated operation's tokens to the last page.</summary>
public static class Paginator
{
    /// <summary>
    /// Yields every item of every page. A token the service already returned once means the service is
    /// looping; we stop with an error rather than spin or silently return a partial list.
    /// </summary>
    public static async IAsyncEnumerable<TItem> PaginateAsync<TRequest, TResponse, TItem>(
        this ProtocolClient client,
        AwsPagedOperation<TRequest, TResponse, TItem> paged,
        TRequest firstRequest,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in PagesAsync(request => client.SendAsync(paged.Operation, request, cancellationToken), paged, firstRequest, cancellationToken))
        {
            foreach (var item in paged.Items(page) ?? [])
            {
                yield return item;
            }
        }
    }

    /// <summary>The page loop on its own, over any way of sending a request (tests drive it with fakes).</summary>
    public static async IAsyncEnumerable<TResponse> PagesAsync<TRequest, TResponse, TItem>(
        Func<TRequest, Task<TResponse>> send,
        AwsPagedOperation<TRequest, TResponse, TItem> paged,
        TRequest firstRequest,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var request = firstRequest;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await send(request);
            yield return page;
            var token = paged.NextToken(page);
            if (string.IsNullOrEmpty(token))
            {
                yield break;
            }

            if (!seen.Add(token))
            {
                var operation = paged.Operation;
                throw new AwsServiceException(operation.Service.ServiceId, operation.Name, "PaginationLoop", 200, null,
                    "The service returned a pagination token it had already returned; stopping instead of looping.");
            }

            request = paged.WithToken(request, token);
        }
    }
}
