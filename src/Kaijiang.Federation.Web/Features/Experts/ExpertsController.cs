using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Authorization;

namespace Kaijiang.Federation.Web.Features.Experts;

/// <summary>Experts of the service teams and lecturers (专家 / 讲师).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ExpertsController(RegisterServices services, ExpertForm form, ListExperts list)
    : RegisterController<Expert, ExpertInput>(services, form)
{
    protected override string SavedKey => "Experts.Saved";

    protected override Task<RegisterListPage> ListAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken) =>
        list.RunAsync(filter, everything, cancellationToken);
}
