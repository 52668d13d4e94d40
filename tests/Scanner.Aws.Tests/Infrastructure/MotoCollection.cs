namespace Scanner.Aws.Tests.Infrastructure;

/// <summary>
/// One moto server for this test assembly (xunit sees collection definitions only in their own assembly); every class
/// that talks to it joins this collection and shares it through <see cref="MotoFixture.UseStateAsync{T}"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoFixture>
{
    public const string Name = "moto";
}
