using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Authorization;

namespace Kaijiang.Federation.Web.Features.JobFairs;

/// <summary>Job fairs (招聘会) the federation held or joined.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class JobFairsController(RegisterServices services, JobFairForm form, ListJobFairs list)
    : RegisterController<JobFair, JobFairInput>(services, form)
{
    protected override string SavedKey => "JobFairs.Saved";

    protected override Task<RegisterListPage> ListAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken) =>
        list.RunAsync(filter, everything, cancellationToken);
}
