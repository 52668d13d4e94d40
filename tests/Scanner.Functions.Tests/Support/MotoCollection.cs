namespace Scanner.Functions.Tests.Support;

/// <summary>
/// A moto server for the tests of the functions, and of two of the CLI's outputs that read the demo organization (the
/// exemption register, OCSF), here to even out the two servers' loads (xunit sees collection definitions only in their
/// own assembly).
/// Classes that join it run one after another and share the server through <see cref="MotoFixture.UseStateAsync{T}"/>.
/// </summary>
/// <remarks>
/// The moto tests are split over two collections, each with a server of its own, so that the two run side by side:
/// one after another, they were this assembly's longest chain (and the test command's), while a moto server and its
/// client leave much of the machine idle.
/// </remarks>
[CollectionDefinition(Name)]
public sealed class FunctionsMotoCollection : ICollectionFixture<MotoFixture>
{
    public const string Name = "moto-functions";
}

/// <summary>
/// A second moto server, for the tests of the demo organization as the CLI scans and publishes it (its outputs, the
/// HTML report in a browser, its Security Hub lifecycle, parity with the emulator).
/// </summary>
[CollectionDefinition(Name)]
public sealed class DemoMotoCollection : ICollectionFixture<MotoFixture>
{
    public const string Name = "moto-demo";
}
