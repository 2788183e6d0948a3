using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Authorization;

namespace Kaijiang.Federation.Web.Features.Grants;

/// <summary>Start-up grants to college graduates (大学生创业扶持).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class GrantsController(RegisterServices services, GrantForm form, ListGrants list)
    : RegisterController<StartupGrant, GrantInput>(services, form)
{
    protected override string SavedKey => "Grants.Saved";

    protected override Task<RegisterListPage> ListAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken) =>
        list.RunAsync(filter, everything, cancellationToken);
}
