using System.Globalization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Seeding;

/// <summary>
/// <c>generate-province [--seed 42] [--scale 1.0] [--as-of 2026-11-15]</c>: migrates the configured database and fills
/// it, when empty, with a generated province (<see cref="ProvinceGenerator"/>) and a few accounts to sign in with
/// (<see cref="Accounts"/>, password <see cref="Password"/>). For scale tests and the benchmark, never production.
/// </summary>
public static class GenerateProvinceCommand
{
    public const string Name = "generate-province";

    /// <summary>The password of every generated account: the data is invented, and the benchmark must sign in.</summary>
    public const string Password = "Province-Bench-2026";

    private const string Usage =
        "Usage: generate-province [--seed <int>] [--scale <0 < s <= 1>] [--as-of <yyyy-MM-dd>] [--Setting:Key=value ...]";

    /// <summary>The accounts made, with their role and which organisation they are scoped to.</summary>
    public static readonly IReadOnlyList<(string UserName, string Role, string Scope)> Accounts =
    [
        ("province.admin", Roles.SystemAdmin, "the province"),
        ("province.leader", Roles.Leadership, "the province"),
        ("city.staff", Roles.CountyStaff, "the first city"),
        ("county.staff", Roles.CountyStaff, "the first county of the first city"),
        ("chair.t1", Roles.TownshipChair, "the first township (the one with 500 communities)"),
        ("chair.t2", Roles.TownshipChair, "the second township"),
        ("chair.t3", Roles.TownshipChair, "the third township"),
    ];

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var options, out var settings))
        {
            await error.WriteLineAsync(Usage);
            return 1;
        }

        // The demo county must not be loaded into the database being generated.
        var builder = WebApplication.CreateBuilder([.. settings, "--Seed:Demo=false"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddFederationWeb(builder.Configuration, builder.Environment.ContentRootPath);
        await using var app = builder.Build();
        return await ExecuteAsync(app.Services, options, output, error, CancellationToken.None);
    }

    public static async Task<int> ExecuteAsync(IServiceProvider services, ProvinceOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<FederationDbContext>();
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
            var generator = new ProvinceGenerator(options, output, provider.GetRequiredService<PersonalDataProtector>());
            var counts = await generator.WriteAsync(db, cancellationToken);
            await CreateAccountsAsync(provider, generator, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Generated {counts.Cities:N0} cities, {counts.Counties:N0} counties, {counts.Townships:N0} townships, {counts.Grassroots:N0} villages and communities, "
                + $"{counts.People:N0} people, {counts.Loans:N0} loans, {counts.Awards:N0} awards, {counts.Reports:N0} reports with {counts.ReportValues:N0} figures."));
            await output.WriteLineAsync($"Accounts {string.Join(", ", Accounts.Select(a => a.UserName))}; password {Password}");
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or DbUpdateException)
        {
            await error.WriteLineAsync("generate-province failed: " + ex.Message);
            return 1;
        }
    }

    private static async Task CreateAccountsAsync(IServiceProvider provider, ProvinceGenerator generator, CancellationToken cancellationToken)
    {
        await Roles.EnsureCreatedAsync(provider.GetRequiredService<RoleManager<IdentityRole>>());

        var users = provider.GetRequiredService<UserManager<FederationUser>>();
        var clock = provider.GetRequiredService<TimeProvider>();
        var province = generator.Organisations[0];
        var city = generator.Organisations.First(o => o.Kind == OrganisationKind.City);
        var county = generator.Organisations.First(o => o.Kind == OrganisationKind.County);
        var townships = generator.Townships;
        var scopes = new[] { province, province, city, county, townships[0], townships[Math.Min(1, townships.Count - 1)], townships[Math.Min(2, townships.Count - 1)] };

        // One hash for all: hashing is deliberately slow.
        var hash = users.PasswordHasher.HashPassword(new FederationUser(), Password);
        for (var i = 0; i < Accounts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (userName, role, _) = Accounts[i];
            var user = new FederationUser
            {
                UserName = userName,
                DisplayName = scopes[i].Name,
                ScopeOrganisationId = scopes[i].Id,
                CreatedAt = clock.GetUtcNow(),
                LockoutEnabled = true,
                PasswordHash = hash,
            };
            var created = await users.CreateAsync(user);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(user, role);
            }

            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"The account {userName} was not created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
        }
    }

    private static bool TryParse(string[] args, out ProvinceOptions options, out string[] settings)
    {
        options = new ProvinceOptions();
        settings = [];
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var hasValue = i + 1 < args.Length;
            switch (args[i])
            {
                case "--seed" when hasValue && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    i++;
                    break;
                case "--scale" when hasValue && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0 && scale <= 1:
                    options = options with { Scale = scale };
                    i++;
                    break;
                case "--as-of" when hasValue && DateOnly.TryParseExact(args[i + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf):
                    options = options with { AsOf = asOf };
                    i++;
                    break;
                case "--seed" or "--scale" or "--as-of":
                    return false;
                case var arg when arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal):
                    rest.Add(arg);
                    break;
                default:
                    return false;
            }
        }

        settings = [.. rest];
        return true;
    }
}
