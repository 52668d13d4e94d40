namespace Scanner.Testing;

/// <summary>
/// How long a test waits for a whole scan (the CLI's, the demo's, a native function's) before it calls it hung. A guard
/// against a hang, never a measure of speed (no test asserts a duration): generous, because the test command runs the
/// three test projects, two Native AOT builds, two moto servers and a browser side by side on two cores, and a scan
/// that takes 20 seconds alone can take minutes then.
/// </summary>
public static class Patience
{
    public static TimeSpan Scan { get; } = TimeSpan.FromMinutes(10);
}
