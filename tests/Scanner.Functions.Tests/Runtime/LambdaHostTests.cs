using System.Collections;
using System.Text;
using System.Text.Json;
using Scanner.Lambda.Configuration;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

namespace Scanner.Functions.Tests.Runtime;

// One class (one xunit collection, so sequential): the host sets the process-wide _X_AMZN_TRACE_ID.
public sealed class LambdaHostTests
{
    private static readonly TimeSpan Patience = Scanner.Testing.Patience.Step;

    [Fact]
    public async Task A_handler_response_is_posted_for_the_invocation()
    {
        await using var api = FakeRuntimeApi.Start();
        await using var host = RunningHost.Start(api, () => (_, payload, _) => Task.FromResult(Encoding.UTF8.GetBytes($"{{\"echo\":{Encoding.UTF8.GetString(payload.Span)}}}")));

        var requestId = api.Enqueue("{\"n\":1}");
        var result = await api.ResultAsync(requestId);

        result.Kind.Should().Be("response");
        result.BodyText.Should().Be("{\"echo\":{\"n\":1}}");
        (await host.StopAsync()).Should().Be(LambdaHost.ExitStopped);
    }

    [Fact]
    public async Task A_handler_exception_is_posted_as_the_invocation_error_and_the_loop_goes_on()
    {
        await using var api = FakeRuntimeApi.Start();
        await using var host = RunningHost.Start(api, () => (_, payload, _) =>
            payload.Span.SequenceEqual("\"fail\""u8)
                ? throw new InvalidOperationException("the audit role could not be assumed")
                : Task.FromResult("\"ok\""u8.ToArray()));

        var failing = api.Enqueue("\"fail\"");
        var error = await api.ResultAsync(failing);
        var next = api.Enqueue("\"fine\"");
        var success = await api.ResultAsync(next);

        error.Kind.Should().Be("error");
        error.ErrorTypeHeader.Should().Be("InvalidOperationException");
        using (var body = JsonDocument.Parse(error.Body))
        {
            body.RootElement.GetProperty("errorType").GetString().Should().Be("InvalidOperationException");
            body.RootElement.GetProperty("errorMessage").GetString().Should().Be("the audit role could not be assumed");
            body.RootElement.GetProperty("stackTrace").GetArrayLength().Should().Be(0);
        }

        success.Kind.Should().Be("response");
        success.BodyText.Should().Be("\"ok\"");
        host.LogLines.Should().Contain(line => line.Contains("\"invocation failed\"", StringComparison.Ordinal) && line.Contains(failing, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_async_handler_exception_is_reported_the_same_way()
    {
        await using var api = FakeRuntimeApi.Start();
        await using var host = RunningHost.Start(api, () => async (_, _, cancellationToken) =>
        {
            await Task.Delay(10, cancellationToken);
            throw new FormatException("bad body");
        });

        var error = await api.ResultAsync(api.Enqueue("{}"));

        error.Kind.Should().Be("error");
        error.ErrorTypeHeader.Should().Be("FormatException");
        error.ErrorMessage.Should().Be("bad body");
    }

    [Fact]
    public async Task A_configuration_error_at_init_is_posted_to_init_error_and_the_host_exits_non_zero()
    {
        await using var api = FakeRuntimeApi.Start();
        var log = new MemoryStream();

        var exitCode = await LambdaHost.RunAsync(
            () =>
            {
                FunctionSettings.FromEnvironment(new Hashtable { ["AWS_REGION"] = "us-east-1", ["APPROVED_REGIONS"] = "us-east-1" }, FunctionRole.Dispatcher);
                return (_, _, _) => Task.FromResult(Array.Empty<byte>());
            },
            new LambdaHostOptions { RuntimeApi = api.Address, Log = new JsonLog(log) }).WaitAsync(Patience);

        exitCode.Should().Be(LambdaHost.ExitInitFailed);
        var error = await api.InitError.WaitAsync(Patience);
        error.ErrorTypeHeader.Should().Be(LambdaHost.ConfigurationErrorType);
        using var body = JsonDocument.Parse(error.Body);
        body.RootElement.GetProperty("errorType").GetString().Should().Be("Runtime.ConfigurationError");
        body.RootElement.GetProperty("errorMessage").GetString().Should().Contain("AUDIT_ROLE_NAME").And.Contain("SCAN_QUEUE_URL");
        api.FirstNextRequested.IsCompleted.Should().BeFalse("a runtime whose init failed must not ask for invocations");
    }

    [Fact]
    public async Task Any_other_init_exception_is_posted_with_its_type_name()
    {
        await using var api = FakeRuntimeApi.Start();

        var exitCode = await LambdaHost.RunAsync(
            _ => Task.FromException<LambdaHandler>(new FileNotFoundException("policy.yaml is missing")),
            new LambdaHostOptions { RuntimeApi = api.Address, Log = new JsonLog(Stream.Null) }).WaitAsync(Patience);

        exitCode.Should().Be(LambdaHost.ExitInitFailed);
        var error = await api.InitError.WaitAsync(Patience);
        error.ErrorTypeHeader.Should().Be("FileNotFoundException");
        error.ErrorMessage.Should().Be("policy.yaml is missing");
    }

    [Fact]
    public async Task The_deadline_header_is_parsed_and_exposed_with_the_remaining_time()
    {
        await using var api = FakeRuntimeApi.Start();
        InvocationContext? seen = null;
        TimeSpan remaining = default;
        await using var host = RunningHost.Start(api, () => (context, _, _) =>
        {
            seen = context;
            remaining = context.RemainingTime(TimeProvider.System);
            return Task.FromResult("{}"u8.ToArray());
        });
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeMilliseconds());

        var requestId = api.Enqueue("{}", deadline);
        await api.ResultAsync(requestId);

        seen.Should().NotBeNull();
        seen!.RequestId.Should().Be(requestId);
        seen.Deadline.Should().Be(deadline);
        seen.InvokedFunctionArn.Should().Be("arn:aws:lambda:us-east-1:123456789012:function:test");
        remaining.Should().BeGreaterThan(TimeSpan.FromSeconds(100)).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(2));
        seen.CancellationToken.CanBeCanceled.Should().BeTrue();
    }

    [Fact]
    public async Task Remaining_time_is_never_negative()
    {
        var context = new InvocationContext("r", DateTimeOffset.UtcNow.AddSeconds(-5), "arn", null);

        context.RemainingTime(TimeProvider.System).Should().Be(TimeSpan.Zero);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_trace_id_is_exported_as_X_AMZN_TRACE_ID_for_each_invocation()
    {
        await using var api = FakeRuntimeApi.Start();
        await using var host = RunningHost.Start(api, () => (_, _, _) =>
            Task.FromResult(Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID") ?? "(none)")));

        var first = await api.ResultAsync(api.Enqueue("{}", traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"));
        var second = await api.ResultAsync(api.Enqueue("{}", traceId: "Root=1-67891233-abcdef012345678912345678;Sampled=0"));
        var third = await api.ResultAsync(api.Enqueue("{}"));

        first.BodyText.Should().Be("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        second.BodyText.Should().Be("Root=1-67891233-abcdef012345678912345678;Sampled=0");
        third.BodyText.Should().Be("(none)", "a trace id must not leak from one invocation into the next");
    }

    [Fact]
    public async Task The_handler_token_is_cancelled_a_margin_before_the_deadline()
    {
        await using var api = FakeRuntimeApi.Start();
        await using var host = RunningHost.Start(
            api,
            () => async (_, _, cancellationToken) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                return [];
            },
            deadlineMargin: TimeSpan.FromSeconds(1));

        var error = await api.ResultAsync(api.Enqueue("{}", DateTimeOffset.UtcNow.AddSeconds(2)), TimeSpan.FromSeconds(10));

        error.Kind.Should().Be("error");
        error.ErrorTypeHeader.Should().Be(LambdaHost.DeadlineErrorType);
    }

    [Fact]
    public async Task A_deadline_far_in_the_future_does_not_break_the_loop()
    {
        await using var api = FakeRuntimeApi.Start();
        await using var host = RunningHost.Start(api, () => (_, _, _) => Task.FromResult("{}"u8.ToArray()));

        var result = await api.ResultAsync(api.Enqueue("{}", DateTimeOffset.UtcNow.AddDays(400)));

        result.Kind.Should().Be("response");
    }

    [Fact]
    public async Task Log_lines_carry_the_request_id_while_the_invocation_runs()
    {
        await using var api = FakeRuntimeApi.Start();
        JsonLog? log = null;
        await using var host = RunningHost.Start(api, () => (_, _, _) =>
        {
            log!.Info("inside the handler", ("account", "123456789012"));
            return Task.FromResult("{}"u8.ToArray());
        });
        log = host.Log;

        var requestId = api.Enqueue("{}");
        await api.ResultAsync(requestId);
        await host.StopAsync();

        var inside = host.LogLines.Single(line => line.Contains("inside the handler", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(inside);
        document.RootElement.GetProperty("requestId").GetString().Should().Be(requestId);
        document.RootElement.GetProperty("account").GetString().Should().Be("123456789012");
        host.Log.RequestId.Should().BeNull();
    }

    [Fact]
    public async Task An_unreachable_runtime_api_ends_the_host_with_its_own_exit_code()
    {
        int closedPort;
        await using (var api = FakeRuntimeApi.Start())
        {
            closedPort = api.Port;
        }

        var exitCode = await LambdaHost.RunAsync(
            () => (_, _, _) => Task.FromResult(Array.Empty<byte>()),
            new LambdaHostOptions { RuntimeApi = $"127.0.0.1:{closedPort}", Log = new JsonLog(Stream.Null) }).WaitAsync(Patience);

        exitCode.Should().Be(LambdaHost.ExitRuntimeApiFailed);
    }

    [Fact]
    public async Task Without_AWS_LAMBDA_RUNTIME_API_the_host_refuses_to_start()
    {
        Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API").Should().BeNull("the test process is not a Lambda");
        var log = new MemoryStream();

        var exitCode = await LambdaHost.RunAsync(
            () => (_, _, _) => Task.FromResult(Array.Empty<byte>()),
            new LambdaHostOptions { Log = new JsonLog(log) }).WaitAsync(Patience);

        exitCode.Should().Be(LambdaHost.ExitInitFailed);
        Encoding.UTF8.GetString(log.ToArray()).Should().Contain("AWS_LAMBDA_RUNTIME_API");
    }

    /// <summary>A host running against a fake API until disposed.</summary>
    private sealed class RunningHost : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly MemoryStream _logStream = new();
        private Task<int> _running = Task.FromResult(0);

        private RunningHost()
        {
            Log = new JsonLog(_logStream);
        }

        public JsonLog Log { get; }

        public IReadOnlyList<string> LogLines
        {
            get
            {
                lock (_logStream)
                {
                    return Encoding.UTF8.GetString(_logStream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                }
            }
        }

        public static RunningHost Start(FakeRuntimeApi api, Func<LambdaHandler> initialize, TimeSpan? deadlineMargin = null)
        {
            var host = new RunningHost();
            var options = new LambdaHostOptions
            {
                RuntimeApi = api.Address,
                Log = host.Log,
                DeadlineMargin = deadlineMargin ?? TimeSpan.FromSeconds(3),
            };
            host._running = Task.Run(() => LambdaHost.RunAsync(initialize, options, host._stop.Token));
            return host;
        }

        public async Task<int> StopAsync()
        {
            await _stop.CancelAsync();
            return await _running.WaitAsync(Patience);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }
    }
}
