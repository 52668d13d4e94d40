using Scanner.Lambda.Logging;

namespace Scanner.Functions.Tests.Runtime;

public sealed class LogLevelsTests
{
    [Theory]
    [InlineData("TRACE", LogLevel.Debug)]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("info", LogLevel.Info)]
    [InlineData("WARN", LogLevel.Warn)]
    [InlineData("ERROR", LogLevel.Error)]
    [InlineData("FATAL", LogLevel.Error)]
    [InlineData(null, LogLevel.Info)]
    [InlineData("loud", LogLevel.Info)]
    public void AWS_LAMBDA_LOG_LEVEL_sets_the_functions_level(string? value, LogLevel expected) =>
        LogLevels.Parse(value).Should().Be(expected);

    [Fact]
    public void Lines_below_the_level_are_not_written()
    {
        using var stream = new MemoryStream();
        var log = new JsonLog(stream, minimumLevel: LogLevels.Parse("WARN"));

        log.Info("account scanned");
        log.Warn("not enough time left to publish");

        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        text.Should().Contain("not enough time left to publish").And.NotContain("account scanned");
    }
}
