using AwesomeAssertions;
using System.Collections.Concurrent;

namespace Scanner.Testing;

/// <summary>
/// A fake AWS endpoint on a free loopback port: records every request and answers with the queued responses in order
/// (the last one repeats). Protocol tests point a client's endpoint at it.
/// </summary>
public sealed class RecordingServer : IDisposable
{
    private readonly ConcurrentQueue<CannedResponse> _responses = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly LoopbackFake _host;
    private readonly Lock _answering = new();
    private CannedResponse _last = new(200, "{}");

    public RecordingServer(params CannedResponse[] responses)
    {
        foreach (var response in responses)
        {
            _responses.Enqueue(response);
        }

        _host = new LoopbackFake(nameof(RecordingServer), async context =>
        {
            var (request, _, _) = await RecordedRequest.ReadAsync(context);
            CannedResponse answer;
            lock (_answering)
            {
                // Recorded and answered in one step, so that the n-th request recorded is the one given the n-th answer.
                _requests.Enqueue(request);
                answer = _responses.TryDequeue(out var next) ? _last = next : _last;
            }

            await answer.WriteAsync(context.Response);
        });
    }

    public string Endpoint => _host.Endpoint;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public RecordedRequest Single => Requests.Should().ContainSingle().Subject;

    public void Dispose() => _host.Dispose();
}
