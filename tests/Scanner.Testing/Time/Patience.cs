namespace Scanner.Testing;

/// <summary>
/// How long a test waits for something before it calls it hung. A guard against a hang, never a measure of speed (no
/// test asserts a duration): generous, because the test command runs the three test projects, two Native AOT builds,
/// two moto servers and a browser side by side on two cores, and what takes a second alone can take a minute then.
/// </summary>
public static class Patience
{
    /// <summary>A whole scan: the CLI's, the demo's, a native function's.</summary>
    public static TimeSpan Scan { get; } = TimeSpan.FromMinutes(10);

    /// <summary>One step: a process or host starting, an answer, a page loading, a held request released.</summary>
    public static TimeSpan Step { get; } = TimeSpan.FromMinutes(2);
}
