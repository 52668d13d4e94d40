namespace Scanner.Aws.Protocols;

/// <summary>
/// A paginated operation described as data: how to ask for the next page, where the next token is,
/// and which list holds the items. <see cref="Paginator"/> follows it to the end.
/// </summary>
public sealed record AwsPagedOperation<TRequest, TResponse, TItem>(
    AwsOperation<TRequest, TResponse> Operation,
    Func<TRequest, string, TRequest> WithToken,
    Func<TResponse, string?> NextToken,
    Func<TResponse, IReadOnlyList<TItem>?> Items);
