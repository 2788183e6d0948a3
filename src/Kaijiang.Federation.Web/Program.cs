using Kaijiang.Federation.Web.Features.Accounts;
using Kaijiang.Federation.Web.Infrastructure;
using Serilog;

// Commands run instead of the web server: `create-admin <name>` makes the first administrator of a deployment.
if (CreateAdminCommand.IsInvoked(args))
{
    return await CreateAdminCommand.RunAsync(args, Console.In, Console.Out, Console.Error);
}

// `backup <file>` / `restore <file>`: the SQLite database, consistently, while the portal runs (backup).
if (BackupCommand.IsInvoked(args))
{
    return await BackupCommand.RunAsync(args, Console.Out, Console.Error);
}

// `verify-audit`: checks the audit log's hash chain and names the first broken entry.
if (VerifyAuditCommand.IsInvoked(args))
{
    return await VerifyAuditCommand.RunAsync(args, Console.Out, Console.Error);
}

// `generate-province [--seed 42] [--scale 1.0]`: fills an empty database with a generated province for scale tests.
if (Kaijiang.Federation.Web.Seeding.GenerateProvinceCommand.IsInvoked(args))
{
    return await Kaijiang.Federation.Web.Seeding.GenerateProvinceCommand.RunAsync(args, Console.Out, Console.Error);
}

// Start-up errors go to the console; the configured logger takes over once the host is built. Not a reloadable
// "bootstrap" logger: tests start several hosts in one process, and that logger can be frozen only once.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Host.UseSerilog((context, services, logger) => logger
        .ReadFrom.Configuration(context.Configuration)
        .ReadFrom.Services(services)
        .Enrich.FromLogContext(), preserveStaticLogger: true);

    builder.Services.AddFederationWeb(builder.Configuration, builder.Environment.ContentRootPath);

    var app = builder.Build();
    app.UseFederationWeb();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The portal stopped unexpectedly");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Entry point, public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
