namespace Scanner.Emulator.Hosting;

/// <summary>A program could not be started because it is not installed; the message says how to install it.</summary>
public sealed class ProgramNotInstalledException : InvalidOperationException
{
    public ProgramNotInstalledException()
    {
    }

    public ProgramNotInstalledException(string message)
        : base(message)
    {
    }

    public ProgramNotInstalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
