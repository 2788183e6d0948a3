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

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Host.UseSerilog((context, services, logger) => logger
        .ReadFrom.Configuration(context.Configuration)
        .ReadFrom.Services(services)
        .Enrich.FromLogContext());

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
