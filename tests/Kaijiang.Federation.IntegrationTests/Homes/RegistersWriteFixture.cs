using Kaijiang.Federation.IntegrationTests.Infrastructure;

namespace Kaijiang.Federation.IntegrationTests.Homes;

/// <summary>A seeded county of its own for the registers' tests that write (the shared county must keep its figures).</summary>
public sealed class RegistersWriteFixture : IDisposable
{
    public PortalFactory Factory { get; } = new();

    public RegistersWriteFixture() => _ = Factory.Server;

    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class RegistersWriteCollection : ICollectionFixture<RegistersWriteFixture>
{
    public const string Name = "Registers writes";
}

internal static class Forms
{
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, string user)
    {
        var client = new PortalClient(factory);
        await client.LoginAsync(user);
        return client;
    }
}
