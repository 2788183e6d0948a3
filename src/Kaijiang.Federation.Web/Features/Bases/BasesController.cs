using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Authorization;

namespace Kaijiang.Federation.Web.Features.Bases;

/// <summary>Bases (基地): entrepreneurship, home-based employment, co-operatives, poverty alleviation, homeland villages.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class BasesController(RegisterServices services, BaseForm form, ListBases list)
    : RegisterController<Base, BaseInput>(services, form)
{
    protected override string SavedKey => "Bases.Saved";

    protected override Task<RegisterListPage> ListAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken) =>
        list.RunAsync(filter, everything, cancellationToken);
}
