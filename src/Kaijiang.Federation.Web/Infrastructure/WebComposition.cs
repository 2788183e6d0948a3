using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Data;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Accounts;
using Kaijiang.Federation.Web.Features.Dashboard;
using Kaijiang.Federation.Web.Features.People;
using Kaijiang.Federation.Web.Features.Organisations;
using Kaijiang.Federation.Web.Features.History;
using Kaijiang.Federation.Web.Features.RosterImport;
using Kaijiang.Federation.Web.Features.Programmes;
using Kaijiang.Federation.Web.Features.Reports;
using Kaijiang.Federation.Web.Features.Awards;
using Kaijiang.Federation.Web.Features.Homes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Kaijiang.Federation.Web.Infrastructure;

/// <summary>The portal's composition, kept out of Program.cs so that Program reads as a table of contents.</summary>
public static class WebComposition
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];

    public static IServiceCollection AddFederationWeb(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(TimeProvider.System);
        // Chinese text is written as it is, not as &#x...; entities: pages stay readable and half the size.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<IOrganisationScope>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<IAuditActor>(sp => sp.GetRequiredService<CurrentUser>());

        services.AddFederationDatabase(configuration, contentRoot);
        services.AddDataProtectionKeysInDatabase();
        services.Configure<Seeding.SeedOptions>(configuration.GetSection("Seed"));

        services.AddIdentity<FederationUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<FederationDbContext>()
            .AddClaimsPrincipalFactory<FederationClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "kjfl.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            // The periodic session check reads the account. With the database unreachable it is skipped (checked on
            // the next request) rather than thrown: otherwise the error page, re-executed through authentication, fails
            // the same way and the user gets a bare 500 instead of the localised 503.
            o.Events.OnValidatePrincipal = async context =>
            {
                try
                {
                    // Identity's validator is resolved with its whole graph (sign-in and user managers, a database
                    // context) before it finds that the session is not due for a check; most requests are not due,
                    // so the same test comes first here (SessionCheckTests).
                    if (!SessionCheck.IsDue(context))
                    {
                        return;
                    }

                    await SecurityStampValidator.ValidatePrincipalAsync(context);
                }
                catch (Exception ex) when (Features.Errors.ErrorsController.IsDatabaseUnavailable(ex))
                {
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Kaijiang.Federation.Web.Session")
                        .LogWarning("Session check skipped: the database is unavailable ({Error})", ex.GetType().Name);
                }
            };
            // A refused write answers 403 with the localised error page, not a redirect to a page that says 200.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // How often a signed-in session is checked against its account: a disabled account, a reset password or a
        // new role or scope ends the session within this time (Identity's default, 30 minutes, is too long for that).
        services.Configure<SecurityStampValidatorOptions>(o =>
            o.ValidationInterval = TimeSpan.FromSeconds(configuration.GetValue("Security:SessionCheckSeconds", 60)));
        services.AddScoped<SecurityAudit>();
        services.Configure<TwoFactorOptions>(configuration.GetSection(TwoFactorOptions.Section));
        services.AddSingleton<TwoFactorRequirement>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            var permits = configuration.GetValue("Security:SignInPermitsPerMinute", 10);
            o.AddPolicy(Features.Account.AccountController.SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "kjfl.af";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthorizationBuilder().AddFederationPolicies();
        services.AddSingleton<IAuthorizationHandler, OrganisationAuthorizationHandler>();

        services.AddLocalization();
        // The resource-manager localizers, each string looked up once per culture (CachedStringLocalizer).
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory>(sp => new CachedStringLocalizerFactory(sp.GetRequiredService<ResourceManagerStringLocalizerFactory>()));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Cookie first (the visible switch), then the browser's Accept-Language; the query string for links.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<MustChangePasswordFilter>();
                o.Filters.Add<RequireTwoFactorFilter>();
                o.ModelBinderProviders.Insert(0, new CheckboxModelBinderProvider());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddRazorOptions(o =>
            {
                // Feature folders: Features/<Controller>/Views/<Action>.cshtml, shared views in Features/Shared/Views.
                o.ViewLocationFormats.Clear();
                o.ViewLocationFormats.Add("/Features/{1}/Views/{0}" + RazorViewEngine.ViewExtension);
                o.ViewLocationFormats.Add("/Features/Shared/Views/{0}" + RazorViewEngine.ViewExtension);
            });

        // The framework's own binding messages ("The value 'abc' is not valid for …") in the user's language.
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) =>
        {
            var l = factory.Create(typeof(SharedResource));
            var m = o.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((value, field) => l["Validation.ValueInvalid", value, field]);
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Validation.ValueInvalidNoField", value]);
            m.SetUnknownValueIsInvalidAccessor(field => l["Validation.UnknownValueInvalid", field]);
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.UnknownValueInvalidNoField"]);
            m.SetValueIsInvalidAccessor(value => l["Validation.ValueInvalidNoField", value]);
            m.SetValueMustBeANumberAccessor(field => l["Validation.MustBeNumber", field]);
            m.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.MustBeNumberNoField"]);
            m.SetValueMustNotBeNullAccessor(value => l["Validation.ValueRequired", value]);
            m.SetMissingBindRequiredValueAccessor(field => l["Validation.MissingValue", field]);
            m.SetMissingKeyOrValueAccessor(() => l["Validation.MissingKeyOrValue"]);
            m.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.MissingBody"]);
        });

        services.AddHealthChecks().AddDbContextCheck<FederationDbContext>("database");
        services.AddScoped<Seeding.DemoSeeder>();
        services.AddHostedService<DatabaseStartup>();
        services.AddDashboard(configuration);
        services.AddOrganisationFeature();
        services.AddAccountAdministration();
        services.AddPeopleAndTerms();
        services.AddHistory();
        services.AddRosterExcel(configuration);
        services.AddProgrammeRegisters(configuration);
        services.AddMonthlyReports(configuration);
        services.AddHomes();
        services.AddAwards(configuration);
        return services;
    }

    public static WebApplication UseFederationWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseSerilogRequestLoggingWithoutQuery();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy] = StatusCodes.Status200OK,
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = StatusCodes.Status200OK,
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        app.MapControllerRoute("default", "{controller=Dashboard}/{action=Index}/{id?}");
        return app;
    }

    private static WebApplication UseSerilogRequestLoggingWithoutQuery(this WebApplication app)
    {
        // Paths only: query strings may carry names or ID numbers typed into a search box.
        Serilog.SerilogApplicationBuilderExtensions.UseSerilogRequestLogging(app, o =>
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms");
        return app;
    }
}
