using System.Text;
using System.Text.Json;
using Scanner.Lambda.Logging;

namespace Scanner.Functions.Tests.Runtime;

public sealed class JsonLogTests
{
    [Fact]
    public void Each_event_is_one_JSON_line_with_timestamp_level_message_and_fields()
    {
        var output = new MemoryStream();
        var log = new JsonLog(output, new ManualTimeProvider(new DateTimeOffset(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero)));

        log.Info("account scanned", ("account", "123456789012"), ("findings", 12), ("durationMs", 1534L), ("complete", true), ("ratio", 0.5));

        var text = Encoding.UTF8.GetString(output.ToArray());
        text.Should().EndWith("\n");
        text.TrimEnd('\n').Should().NotContain("\n");
        using var line = JsonDocument.Parse(text);
        var root = line.RootElement;
        root.GetProperty("timestamp").GetString().Should().Be("2025-01-02T03:04:05.678Z");
        root.GetProperty("level").GetString().Should().Be("INFO");
        root.GetProperty("message").GetString().Should().Be("account scanned");
        root.GetProperty("account").GetString().Should().Be("123456789012");
        root.GetProperty("findings").GetInt32().Should().Be(12);
        root.GetProperty("durationMs").GetInt64().Should().Be(1534);
        root.GetProperty("complete").GetBoolean().Should().BeTrue();
        root.GetProperty("ratio").GetDouble().Should().Be(0.5);
        root.TryGetProperty("requestId", out _).Should().BeFalse();
    }

    [Fact]
    public void The_request_id_is_written_while_set()
    {
        var output = new MemoryStream();
        var log = new JsonLog(output) { RequestId = "abc-123" };

        log.Error("failed", ("error", "AccessDenied"));

        using var line = JsonDocument.Parse(output.ToArray());
        line.RootElement.GetProperty("requestId").GetString().Should().Be("abc-123");
        line.RootElement.GetProperty("level").GetString().Should().Be("ERROR");
    }

    [Theory]
    [InlineData("secretAccessKey")]
    [InlineData("sessionToken")]
    [InlineData("password")]
    [InlineData("externalId")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    public void Fields_named_like_credentials_are_redacted(string name)
    {
        var output = new MemoryStream();
        var log = new JsonLog(output);

        log.Info("assumed role", (name, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

        var text = Encoding.UTF8.GetString(output.ToArray());
        text.Should().NotContain("wJalrXUtnFEMI");
        text.Should().Contain("[redacted]");
    }

    [Fact]
    public void Messages_and_values_are_escaped_as_JSON()
    {
        var output = new MemoryStream();
        var log = new JsonLog(output);

        log.Warn("quote \" newline \n tab \t", ("path", "a\\b"), ("missing", (string?)null));

        using var line = JsonDocument.Parse(output.ToArray());
        line.RootElement.GetProperty("message").GetString().Should().Be("quote \" newline \n tab \t");
        line.RootElement.GetProperty("path").GetString().Should().Be("a\\b");
        line.RootElement.GetProperty("missing").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void Levels_below_the_minimum_are_dropped()
    {
        var output = new MemoryStream();
        var log = new JsonLog(output, minimumLevel: LogLevel.Info);

        log.Debug("noise");
        log.Info("signal");

        Encoding.UTF8.GetString(output.ToArray()).Should().NotContain("noise").And.Contain("signal");
    }

    [Fact]
    public async Task Concurrent_writers_never_interleave_within_a_line()
    {
        var output = new MemoryStream();
        var log = new JsonLog(output);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                log.Info("region collected", ("writer", writer), ("i", i), ("padding", new string('x', 100)));
            }
        })));

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1600);
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            document.RootElement.GetProperty("message").GetString().Should().Be("region collected");
        }
    }
}
