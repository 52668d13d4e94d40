namespace Scanner.Aws.Tests.Faults;

/// <summary>The proxy's latency part: a held request reaches the service only once the proxy's clock has passed its latency.</summary>
public sealed class ProxyLatencyTests
{
    private static readonly TimeSpan Patience = Scanner.Testing.Patience.Step;

    [Fact]
    public async Task A_delayed_request_reaches_the_service_only_after_its_latency_and_is_recorded_as_delayed()
    {
        using var service = new RecordingServer(new CannedResponse(200, """{"Account":"123456789012"}"""));
        var clock = new ManualTimeProvider(DateTimeOffset.Parse("2025-01-07T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var proxy = new AwsProxy(service.Endpoint, clock) { Fault = _ => ProxyFault.Delay(TimeSpan.FromSeconds(5)) };
        using var http = new HttpClient();

        var answer = http.PostAsync(new Uri(proxy.Endpoint + "/"), new StringContent("Action=GetCallerIdentity&Version=2011-06-15"));
        using (var held = new CancellationTokenSource(Patience))
        {
            while (clock.PendingTimers == 0)
            {
                await Task.Delay(10, held.Token);
            }
        }

        clock.Advance(TimeSpan.FromSeconds(4));
        service.Requests.Should().BeEmpty("the proxy's clock has not passed the latency yet");
        answer.IsCompleted.Should().BeFalse();

        clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await answer.WaitAsync(Patience);

        response.IsSuccessStatusCode.Should().BeTrue();
        (await response.Content.ReadAsStringAsync()).Should().Contain("123456789012");
        service.Single.Body.Should().Be("Action=GetCallerIdentity&Version=2011-06-15");
        proxy.Calls.Should().ContainSingle().Which.Outcome.Should().Be(CallOutcome.Delayed);
        proxy.Faulted.Should().ContainSingle();
    }
}
