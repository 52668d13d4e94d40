using Amazon.SQS;
using Scanner.Demo;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.Handlers;

/// <summary>
/// A test class that runs the functions against the assembly's moto: the functions' organization (the demo's, plus a
/// closed account) seeded once and shared, and an SQS client for the test's own queues.
/// </summary>
/// <remarks>Derived classes join <see cref="FunctionsMotoCollection"/> themselves: xunit reads the collection from the test class.</remarks>
public abstract class FunctionsMotoTest(MotoFixture moto) : IAsyncLifetime
{
    protected MotoFixture Moto { get; } = moto;

    protected FunctionsOrganization Organization { get; private set; } = null!;

    protected AmazonSQSClient Sqs { get; private set; } = null!;

    protected DemoOrganizationInfo Demo => Organization.Demo;

    public async Task InitializeAsync()
    {
        Organization = await FunctionsOrganization.UseAsync(Moto);
        Sqs = FunctionHarness.Sqs(Moto.Endpoint);
    }

    public Task DisposeAsync()
    {
        Sqs.Dispose();
        return Task.CompletedTask;
    }
}
