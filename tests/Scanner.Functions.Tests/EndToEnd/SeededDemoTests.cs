using Scanner.Demo;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// Tests that scan the plain seeded demo organization in moto, shared with <see cref="DemoScanTests"/> (its state is
/// never written to: no --publish). Subclasses name their moto collection themselves.
/// </summary>
public abstract class SeededDemoTests(MotoFixture moto) : IAsyncLifetime, IDisposable
{
    protected MotoFixture Moto { get; } = moto;

    protected DemoCli Cli { get; } = new();

    protected DemoOrganizationInfo Demo { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Demo = await Moto.UseDemoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Cli.Dispose();
        GC.SuppressFinalize(this);
    }
}
