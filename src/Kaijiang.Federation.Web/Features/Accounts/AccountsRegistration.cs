namespace Kaijiang.Federation.Web.Features.Accounts;

public static class AccountsRegistration
{
    public static IServiceCollection AddAccountAdministration(this IServiceCollection services) => services
        .AddScoped<AccountDirectory>()
        .AddScoped<AccountChecks>()
        .AddScoped<ListAccounts>()
        .AddScoped<CreateAccount>()
        .AddScoped<EditAccount>()
        .AddScoped<AccountStatus>();
}
