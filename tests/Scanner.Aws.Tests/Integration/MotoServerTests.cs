using Scanner.Demo;

namespace Scanner.Aws.Tests.Integration;

/// <summary>Starting moto when it cannot start: the message says how to install it.</summary>
public sealed class MotoServerTests
{
    [Fact]
    public async Task A_missing_module_is_reported_with_the_install_command()
    {
        var start = () => MotoServer.StartAsync("python3", "moto_missing_for_this_test.server", CancellationToken.None);

        var error = (await start.Should().ThrowAsync<MotoNotInstalledException>()).Which;
        error.Message.Should().Contain("No module named").And.Contain("python3 -m pip install \"moto[server]\"");
    }

    [Fact]
    public async Task A_missing_interpreter_is_reported_with_the_install_command()
    {
        var start = () => MotoServer.StartAsync("python3-missing-for-this-test", "moto.server", CancellationToken.None);

        var error = (await start.Should().ThrowAsync<MotoNotInstalledException>()).Which;
        error.Message.Should().Contain("python3-missing-for-this-test").And.Contain(MotoNotInstalledException.InstallCommand);
    }
}
