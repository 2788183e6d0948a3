using Kaijiang.Federation.IntegrationTests.Infrastructure;

namespace Kaijiang.Federation.IntegrationTests.RosterImport;

/// <summary>A county of its own for the tests that import and edit: the shared demo county keeps its seeded figures.</summary>
public sealed class RosterWritesFixture : IDisposable
{
    public PortalFactory Factory { get; } = new();

    public RosterWritesFixture() => _ = Factory.Server;

    public void Dispose() => Factory.Dispose();
}

// The portal's start-up (its static logger) is not made for two hosts starting at once: like every other collection
// here, this one runs on its own, after the shared county's.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RosterWritesCollection : ICollectionFixture<RosterWritesFixture>
{
    public const string Name = "Roster writes";
}
