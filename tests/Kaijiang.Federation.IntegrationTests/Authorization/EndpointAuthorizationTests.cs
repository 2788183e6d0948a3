using Kaijiang.Federation.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kaijiang.Federation.IntegrationTests.Authorization;

/// <summary>Every controller action carries an explicit authorization decision: a named policy or AllowAnonymous.</summary>
[Collection(DemoCountyCollection.Name)]
public sealed class EndpointAuthorizationTests(DemoCountyFixture county)
{
    // The only actions open to anonymous users (design.md): sign-in steps, the language switch, error pages.
    private static readonly HashSet<string> AnonymousAllowed =
    [
        "Account.Login", "Account.SetLanguage", "Account.AccessDenied", "Errors.Index",
        "TwoFactor.LoginWithTwoFactor", "TwoFactor.LoginWithRecoveryCode",
    ];

    private List<(string Name, Endpoint Endpoint)> Actions() =>
        county.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => (Endpoint: e, Action: e.Metadata.GetMetadata<ControllerActionDescriptor>()))
            .Where(x => x.Action is not null)
            .Select(x => ($"{x.Action!.ControllerName}.{x.Action.ActionName}", x.Endpoint))
            .ToList();

    [Fact]
    public void Every_action_has_a_named_policy_or_is_deliberately_anonymous()
    {
        var actions = Actions();
        Assert.NotEmpty(actions);

        var undecided = actions.Where(a =>
        {
            var anonymous = a.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = a.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Where(d => !string.IsNullOrEmpty(d.Policy));
            return !anonymous && !policies.Any();
        }).Select(a => a.Name);

        Assert.Empty(undecided);
    }

    [Fact]
    public void Only_the_sign_in_pages_language_switch_and_error_pages_are_anonymous()
    {
        var unexpected = Actions()
            .Where(a => a.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null && !AnonymousAllowed.Contains(a.Name))
            .Select(a => a.Name)
            .Distinct()
            .ToList();

        Assert.Empty(unexpected);
    }

    [Fact]
    public void Every_unsafe_action_is_anti_forgery_checked()
    {
        var unsafeActions = Actions().Where(a =>
            a.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(m => m is "POST" or "PUT" or "DELETE" or "PATCH") == true);

        Assert.All(unsafeActions, a =>
            Assert.True(a.Endpoint.Metadata.GetMetadata<IgnoreAntiforgeryTokenAttribute>() is null, $"{a.Name} skips the anti-forgery check"));
    }
}
