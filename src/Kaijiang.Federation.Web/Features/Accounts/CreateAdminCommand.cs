using System.Text.Json;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Features.Accounts;

/// <summary>What <c>create-admin</c> was asked to do.</summary>
public sealed record CreateAdminRequest(string UserName, string? DisplayName = null, bool PasswordFromStdin = false);

/// <summary>
/// <c>create-admin &lt;name&gt; [--display-name &lt;text&gt;] [--password-stdin]</c>: creates the first SystemAdmin of a
/// production deployment, where no account with a known password exists. It migrates the database, creates the
/// root organisation from <c>Deployment:*</c> when there is none, and prints a generated password once (or reads
/// one line from standard input); the administrator must change it at first sign-in.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";

    private const string Usage =
        "Usage: create-admin <user-name> [--display-name <text>] [--password-stdin] [--Setting:Key=value ...]";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var request, out var settings))
        {
            await error.WriteLineAsync(Usage);
            return 1;
        }

        var builder = WebApplication.CreateBuilder(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddFederationWeb(builder.Configuration, builder.Environment.ContentRootPath);
        await using var app = builder.Build();
        return await ExecuteAsync(app.Services, request, input, output, error);
    }

    public static async Task<int> ExecuteAsync(
        IServiceProvider services, CreateAdminRequest request, TextReader input, TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<FederationDbContext>();
        var userManager = provider.GetRequiredService<UserManager<FederationUser>>();
        try
        {
            await db.Database.MigrateAsync();
            if (await userManager.FindByNameAsync(request.UserName) is not null)
            {
                await error.WriteLineAsync($"An account named '{request.UserName}' already exists; nothing was changed.");
                return 1;
            }

            string password;
            if (request.PasswordFromStdin)
            {
                password = (await input.ReadLineAsync())?.Trim() ?? "";
                if (password.Length == 0)
                {
                    await error.WriteLineAsync("--password-stdin: no password on standard input; nothing was changed.");
                    return 1;
                }
            }
            else
            {
                password = TemporaryPassword.Generate(request.UserName);
            }

            FederationUser user = null!;
            Organisation root = null!;
            try
            {
                // Roles, root, account and its audit entry together or not at all (a failure rolls them back).
                await db.InTransactionAsync(async _ =>
                {
                    await Roles.EnsureCreatedAsync(provider.GetRequiredService<RoleManager<IdentityRole>>());
                    root = await RootAsync(db, provider.GetRequiredService<IConfiguration>());
                    user = new FederationUser
                    {
                        UserName = request.UserName,
                        DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? request.UserName : request.DisplayName.Trim(),
                        ScopeOrganisationId = root.Id,
                        CreatedAt = provider.GetRequiredService<TimeProvider>().GetUtcNow(),
                        LockoutEnabled = true,
                        MustChangePassword = true,
                    };
                    var created = await userManager.CreateAsync(user, password);
                    if (created.Succeeded)
                    {
                        created = await userManager.AddToRoleAsync(user, Roles.SystemAdmin);
                    }

                    if (!created.Succeeded)
                    {
                        throw new NotCreatedException("The account was not created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
                    }

                    await provider.GetRequiredService<SecurityAudit>().RecordAsync(SecurityEvents.AccountCreated, user.UserName, user.Id,
                        JsonSerializer.Serialize(new { role = Roles.SystemAdmin, scope = root.Id, via = Name }));
                });
            }
            catch (NotCreatedException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return 1;
            }

            await output.WriteLineAsync($"Created the SystemAdmin account '{user.UserName}' for {root.Name}.");
            if (!request.PasswordFromStdin)
            {
                await output.WriteLineAsync("Temporary password (shown only this once; it must be changed at first sign-in):");
                await output.WriteLineAsync("    " + password);
            }

            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or DbUpdateException or FormatException)
        {
            await error.WriteLineAsync("create-admin failed: " + ex.Message);
            return 1;
        }
    }

    private static bool TryParse(string[] args, out CreateAdminRequest request, out string[] settings)
    {
        request = new CreateAdminRequest("");
        var rest = new List<string>();
        string? userName = null;
        string? displayName = null;
        var fromStdin = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--password-stdin":
                    fromStdin = true;
                    break;
                case "--display-name" when i + 1 < args.Length:
                    displayName = args[++i];
                    break;
                case var arg when !arg.StartsWith('-') && userName is null:
                    userName = arg;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        settings = [.. rest];
        if (string.IsNullOrWhiteSpace(userName))
        {
            return false;
        }

        request = new CreateAdminRequest(userName.Trim(), displayName, fromStdin);
        return true;
    }

    /// <summary>The deployment's root organisation, created from configuration on an empty database.</summary>
    private static async Task<Organisation> RootAsync(FederationDbContext db, IConfiguration configuration)
    {
        var root = await db.Organisations.IgnoreQueryFilters()
            .Where(o => o.ParentId == null)
            .OrderBy(o => o.Path)
            .FirstOrDefaultAsync();
        if (root is not null)
        {
            return root;
        }

        var kindSetting = configuration["Deployment:RootKind"];
        var kind = OrganisationKind.County;
        if (!string.IsNullOrWhiteSpace(kindSetting)
            && (!Enum.TryParse(kindSetting, ignoreCase: true, out kind) || kind is not (OrganisationKind.Province or OrganisationKind.City or OrganisationKind.County)))
        {
            throw new InvalidOperationException($"Deployment:RootKind '{kindSetting}' is not one of Province, City, County.");
        }

        root = new Organisation
        {
            Name = configuration["Deployment:RootName"] is { Length: > 0 } name ? name : "开江县妇女联合会",
            Kind = kind,
            DivisionCode = configuration["Deployment:RootDivisionCode"] is { Length: > 0 } code ? code : "511723",
            Path = OrganisationPath.Segment(1),
            Depth = 0,
        };
        db.Organisations.Add(root);
        await db.SaveChangesAsync();
        return root;
    }
}

/// <summary>Rolls the create-admin transaction back; the message is what the operator is told.</summary>
internal sealed class NotCreatedException(string message) : Exception(message);
