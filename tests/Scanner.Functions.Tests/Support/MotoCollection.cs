namespace Scanner.Functions.Tests.Support;

/// <summary>
/// One moto server for this test assembly (xunit sees collection definitions only in their own assembly).
/// Classes that join it run one after another and share the server through <see cref="MotoFixture.UseStateAsync{T}"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FunctionsMotoCollection : ICollectionFixture<MotoFixture>
{
    public const string Name = "moto-functions";
}
