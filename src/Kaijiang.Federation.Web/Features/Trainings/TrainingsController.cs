using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Authorization;

namespace Kaijiang.Federation.Web.Features.Trainings;

/// <summary>Trainings (培训): sessions and the person-times (人次) who attended.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class TrainingsController(RegisterServices services, TrainingForm form, ListTrainings list)
    : RegisterController<Training, TrainingInput>(services, form)
{
    protected override string SavedKey => "Trainings.Saved";

    protected override Task<RegisterListPage> ListAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken) =>
        list.RunAsync(filter, everything, cancellationToken);
}
