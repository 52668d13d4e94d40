namespace Scanner.Demo;

/// <summary>
/// python3 or moto's server is missing. The message says how to install it: tests that need moto fail with it
/// instead of skipping, so a missing emulator is never mistaken for a passing suite.
/// </summary>
public sealed class MotoNotInstalledException : Exception
{
    public const string InstallCommand = "python3 -m pip install \"moto[server]\"";

    public MotoNotInstalledException()
        : this("moto's server could not be started.")
    {
    }

    public MotoNotInstalledException(string message)
        : base($"{message} Install it with: {InstallCommand}")
    {
    }

    public MotoNotInstalledException(string message, Exception inner)
        : base($"{message} Install it with: {InstallCommand}", inner)
    {
    }
}
