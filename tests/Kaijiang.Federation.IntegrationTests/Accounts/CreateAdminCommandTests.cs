using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.IntegrationTests.Accounts;

/// <summary>The first administrator of a production deployment: an empty database, no demo accounts.</summary>
public sealed partial class CreateAdminCommandTests
{
    [Fact]
    public async Task Create_admin_makes_a_SystemAdmin_of_the_root_who_must_change_the_printed_password_and_refuses_a_second_time()
    {
        using var factory = new PortalFactory { SeedDemo = false, EnvironmentName = "Production" };
        _ = factory.Server;
        Assert.Equal(0, await factory.WithScopeAsync(db => db.Organisations.IgnoreQueryFilters().CountAsync()));

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CreateAdminCommand.ExecuteAsync(factory.Services, new CreateAdminRequest("ops.admin"), TextReader.Null, output, error);
        Assert.Equal(0, code);
        var password = PrintedPassword().Match(output.ToString()).Groups[1].Value;
        Assert.True(password.Length >= 12, output.ToString());

        var (user, role, root) = await factory.WithScopeAsync(async db =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "ops.admin");
            var role = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).SingleAsync();
            var root = await db.Organisations.IgnoreQueryFilters().SingleAsync();
            return (user, role, root);
        });
        Assert.Equal(Roles.SystemAdmin, role);
        Assert.True(user.MustChangePassword);
        Assert.Equal(root.Id, user.ScopeOrganisationId);
        Assert.Equal("开江县妇女联合会", root.Name);
        Assert.Equal(OrganisationKind.County, root.Kind);
        Assert.Equal("511723", root.DivisionCode);

        var client = new PortalClient(factory);
        var signIn = await client.LoginAsync("ops.admin", password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);

        using var secondOutput = new StringWriter();
        using var secondError = new StringWriter();
        var again = await CreateAdminCommand.ExecuteAsync(factory.Services, new CreateAdminRequest("ops.admin"), TextReader.Null, secondOutput, secondError);
        Assert.Equal(1, again);
        Assert.Contains("already exists", secondError.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithScopeAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Create_admin_reads_the_password_from_standard_input_and_checks_it()
    {
        using var factory = new PortalFactory { SeedDemo = false, EnvironmentName = "Production" };
        _ = factory.Server;

        using var weakError = new StringWriter();
        var weak = await CreateAdminCommand.ExecuteAsync(
            factory.Services, new CreateAdminRequest("weak.admin", PasswordFromStdin: true), new StringReader("password1234\n"), TextWriter.Null, weakError);
        Assert.Equal(1, weak);
        Assert.Equal(0, await factory.WithScopeAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await factory.WithScopeAsync(db => db.Organisations.IgnoreQueryFilters().CountAsync())); // nothing half-done

        using var output = new StringWriter();
        const string chosen = "Chosen-At-The-Console-2026";
        var code = await CreateAdminCommand.ExecuteAsync(
            factory.Services, new CreateAdminRequest("stdin.admin", "值班管理员", PasswordFromStdin: true), new StringReader(chosen + "\n"), output, TextWriter.Null);
        Assert.Equal(0, code);
        Assert.DoesNotContain(chosen, output.ToString(), StringComparison.Ordinal);

        var signIn = await new PortalClient(factory).LoginAsync("stdin.admin", chosen);
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
    }

    /// <summary>The command as an operator runs it: the app's own executable, settings on the command line, an exit code.</summary>
    [Fact]
    public async Task The_app_runs_create_admin_from_its_command_line()
    {
        using var factory = new PortalFactory { SeedDemo = false, EnvironmentName = "Production" };
        var (code, stdout, stderr) = await RunAppAsync(
            "create-admin", "city.admin", "--display-name", "市妇联管理员",
            $"--Database:DataFolder={factory.DataFolder}", $"--Privacy:EncryptionKey={PortalFactory.TestEncryptionKey}", $"--Privacy:HashKey={PortalFactory.TestHashKey}",
            "--Deployment:RootName=达州市妇女联合会", "--Deployment:RootKind=City", "--Deployment:RootDivisionCode=511700");
        Assert.True(code == 0, stdout + stderr);
        Assert.Matches(PrintedPassword(), stdout);

        var (user, root) = await factory.WithScopeAsync(async db =>
            (await db.Users.AsNoTracking().SingleAsync(), await db.Organisations.IgnoreQueryFilters().SingleAsync()));
        Assert.Equal("city.admin", user.UserName);
        Assert.Equal("市妇联管理员", user.DisplayName);
        Assert.Equal("达州市妇女联合会", root.Name);
        Assert.Equal(OrganisationKind.City, root.Kind);

        var (usage, _, usageError) = await RunAppAsync("create-admin");
        Assert.Equal(1, usage);
        Assert.Contains("Usage: create-admin", usageError, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAppAsync(params string[] args)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(app);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex(@"must be changed at first sign-in\):\s+(\S+)")]
    private static partial Regex PrintedPassword();
}
