using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Scanner.Lambda.Runtime;

/// <summary>
/// Handles one invocation: raw event bytes in, raw response bytes out. An exception becomes an invocation error
/// (its type name and message); the token is cancelled a safety margin before the deadline.
/// </summary>
public delegate Task<byte[]> LambdaHandler(InvocationContext context, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

public static class LambdaHandlers
{
    /// <summary>
    /// A handler over typed input and output, both through source-generated metadata (no reflection).
    /// A payload that does not deserialize fails the invocation with a <see cref="JsonException"/>.
    /// </summary>
    public static LambdaHandler Json<TInput, TOutput>(
        JsonTypeInfo<TInput> input,
        JsonTypeInfo<TOutput> output,
        Func<InvocationContext, TInput, CancellationToken, Task<TOutput>> handle)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(handle);
        return async (context, payload, cancellationToken) =>
        {
            var request = JsonSerializer.Deserialize(payload.Span, input)
                ?? throw new JsonException($"The event is JSON null; expected {typeof(TInput).Name}.");
            var response = await handle(context, request, cancellationToken);
            return JsonSerializer.SerializeToUtf8Bytes(response, output);
        };
    }
}
