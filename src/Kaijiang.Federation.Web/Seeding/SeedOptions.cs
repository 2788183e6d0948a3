namespace Kaijiang.Federation.Web.Seeding;

/// <summary>The <c>Seed</c> section of configuration.</summary>
public sealed class SeedOptions
{
    /// <summary>Load the demo county and demo accounts (on in Development, off otherwise).</summary>
    public bool Demo { get; set; }

    /// <summary>Apply pending migrations at start (on by default).</summary>
    public bool Migrate { get; set; } = true;

    /// <summary>The one password of every demo account.</summary>
    public string DemoPassword { get; set; } = DemoSeeder.DefaultDemoPassword;
}
