using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Programmes;
using Microsoft.AspNetCore.Authorization;

namespace Kaijiang.Federation.Web.Features.Projects;

/// <summary>Projects won from higher federations (争取项目) and their funds.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ProjectsController(RegisterServices services, ProjectForm form, ListProjects list)
    : RegisterController<Project, ProjectInput>(services, form)
{
    protected override string SavedKey => "Projects.Saved";

    protected override Task<RegisterListPage> ListAsync(RegisterFilter filter, bool everything, CancellationToken cancellationToken) =>
        list.RunAsync(filter, everything, cancellationToken);
}
