using Scanner.Lambda.Configuration;
using Scanner.Lambda.Logging;

namespace Scanner.Lambda.Runtime;

public sealed record LambdaHostOptions
{
    /// <summary><c>host:port</c> of the Runtime API; AWS_LAMBDA_RUNTIME_API when null.</summary>
    public string? RuntimeApi { get; init; }

    /// <summary>For tests; a plain socket handler when null.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the host logs; standard output when null. Its RequestId is set for each invocation.</summary>
    public JsonLog? Log { get; init; }

    /// <summary>
    /// How long before the deadline the handler's token is cancelled, to leave it time to answer (e.g. report the
    /// messages it did not reach as batch item failures rather than be killed with nothing said).
    /// </summary>
    public TimeSpan DeadlineMargin { get; init; } = TimeSpan.FromSeconds(3);
}

/// <summary>
/// The custom runtime: build the handler once (init), then serve invocations one at a time until the process is
/// stopped. Lambda freezes the process between invocations, so nothing here runs in the background.
/// </summary>
public static class LambdaHost
{
    public const int ExitStopped = 0;
    public const int ExitInitFailed = 1;
    public const int ExitRuntimeApiFailed = 2;

    /// <summary>The errorType reported on init/error for a <see cref="ConfigurationException"/>.</summary>
    public const string ConfigurationErrorType = "Runtime.ConfigurationError";

    /// <summary>The errorType reported when a handler was still running at the deadline margin.</summary>
    public const string DeadlineErrorType = "Runtime.DeadlineExceeded";

    private const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    private static readonly TimeSpan MaxInvocationTime = TimeSpan.FromDays(1);

    public static Task<int> RunAsync(Func<LambdaHandler> initialize, LambdaHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        return RunAsync(_ => Task.FromResult(initialize()), options, cancellationToken);
    }

    /// <summary>
    /// Runs the runtime loop. Returns (the process's exit code) only when <paramref name="cancellationToken"/> is
    /// cancelled (<see cref="ExitStopped"/>), when initialization failed and was reported to init/error
    /// (<see cref="ExitInitFailed"/>), or when the Runtime API itself cannot be reached (<see cref="ExitRuntimeApiFailed"/>).
    /// </summary>
    public static async Task<int> RunAsync(
        Func<CancellationToken, Task<LambdaHandler>> initialize,
        LambdaHostOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        options ??= new LambdaHostOptions();
        var log = options.Log ?? JsonLog.StandardOutput(options.TimeProvider);

        var runtimeApi = options.RuntimeApi ?? Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrWhiteSpace(runtimeApi))
        {
            log.Error("AWS_LAMBDA_RUNTIME_API is not set: this program is a Lambda custom runtime (bootstrap) and runs only inside Lambda or an emulator of its Runtime API.");
            return ExitInitFailed;
        }

        using var client = new LambdaRuntimeClient(runtimeApi, options.HttpHandler);

        var handler = await InitializeAsync(initialize, client, log, cancellationToken);
        if (handler is null)
        {
            return cancellationToken.IsCancellationRequested ? ExitStopped : ExitInitFailed;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await client.GetNextInvocationAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is HttpRequestException or LambdaRuntimeException)
            {
                log.Error("cannot fetch the next invocation", ("errorType", exception.GetType().Name), ("error", exception.Message));
                return ExitRuntimeApiFailed;
            }

            await InvokeAsync(handler, invocation, client, log, options, cancellationToken);
        }

        return ExitStopped;
    }

    private static async Task<LambdaHandler?> InitializeAsync(
        Func<CancellationToken, Task<LambdaHandler>> initialize,
        LambdaRuntimeClient client,
        JsonLog log,
        CancellationToken cancellationToken)
    {
        try
        {
            return await initialize(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // Every init failure must reach init/error, whatever its type.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var error = exception is ConfigurationException
                ? new LambdaError(ConfigurationErrorType, exception.Message)
                : LambdaError.FromException(exception);
            log.Error("initialization failed", ("errorType", error.ErrorType), ("error", error.ErrorMessage));
            try
            {
                await client.PostInitErrorAsync(error, cancellationToken);
            }
            catch (Exception postException) when (postException is HttpRequestException or LambdaRuntimeException or OperationCanceledException)
            {
                log.Error("cannot report the initialization error", ("errorType", postException.GetType().Name), ("error", postException.Message));
            }

            return null;
        }
    }

    private static async Task InvokeAsync(
        LambdaHandler handler,
        LambdaInvocation invocation,
        LambdaRuntimeClient client,
        JsonLog log,
        LambdaHostOptions options,
        CancellationToken stopping)
    {
        var time = options.TimeProvider;
        var context = invocation.Context;
        Environment.SetEnvironmentVariable(TraceIdVariable, context.TraceId);
        log.RequestId = context.RequestId;
        var started = time.GetTimestamp();

        var remaining = context.RemainingTime(time);
        var untilMargin = remaining - options.DeadlineMargin;
        // Lambda deadlines are at most 15 minutes away; the cap only keeps a bogus header from overflowing the timer.
        var cancelAfter = TimeSpan.FromTicks(Math.Min((untilMargin > TimeSpan.Zero ? untilMargin : remaining).Ticks, MaxInvocationTime.Ticks));
        using var deadline = new CancellationTokenSource(cancelAfter, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        context = context with { CancellationToken = linked.Token };

        try
        {
            byte[] response;
            try
            {
                response = await handler(context, invocation.Payload, linked.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A handler failure of any type is the invocation's error, never the runtime's.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var error = exception is OperationCanceledException && deadline.IsCancellationRequested
                    ? new LambdaError(DeadlineErrorType, $"The handler was still running {options.DeadlineMargin.TotalSeconds:0.#} s before the invocation deadline and was cancelled.")
                    : LambdaError.FromException(exception);
                log.Error(
                    "invocation failed",
                    ("errorType", error.ErrorType),
                    ("error", error.ErrorMessage),
                    ("stackTrace", exception.StackTrace),
                    LogField.Milliseconds("durationMs", time.GetElapsedTime(started)));
                await client.PostInvocationErrorAsync(context.RequestId, error, stopping);
                return;
            }

            await client.PostResponseAsync(context.RequestId, response, stopping);
            log.Info("invocation succeeded", LogField.Milliseconds("durationMs", time.GetElapsedTime(started)), ("responseBytes", response.Length));
        }
        catch (Exception exception) when (exception is HttpRequestException or LambdaRuntimeException)
        {
            // The answer did not reach Lambda (too large, or the invocation already timed out). That invocation
            // is lost whatever we do; the next one may be fine.
            log.Error("cannot report the invocation result", ("errorType", exception.GetType().Name), ("error", exception.Message));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the loop ends after this.
        }
        finally
        {
            log.RequestId = null;
        }
    }
}
