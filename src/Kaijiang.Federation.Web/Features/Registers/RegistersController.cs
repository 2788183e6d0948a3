using Kaijiang.Federation.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Kaijiang.Federation.Web.Features.Registers;

/// <summary>The index of the federation's registers (工作台账): homes, awards, mottos, loans, bases …</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class RegistersController : Controller
{
    [HttpGet]
    public IActionResult Index() => View(RegisterLink.All);
}

/// <summary>A register on the index page: where it lives and the resource keys of its name and description.</summary>
public sealed record RegisterLink(string Url, string NameKey, string DescriptionKey)
{
    public static readonly IReadOnlyList<RegisterLink> All =
    [
        new("/Homes", "Registers.Homes", "Registers.HomesText"),
        new("/Awards", "Registers.Awards", "Registers.AwardsText"),
        new("/Awards/Families", "Registers.Families", "Registers.FamiliesText"),
        new("/Awards/Mottos", "Registers.Mottos", "Registers.MottosText"),
        new("/Loans", "Registers.Loans", "Registers.LoansText"),
        new("/Grants", "Registers.Grants", "Registers.GrantsText"),
        new("/Bases", "Registers.Bases", "Registers.BasesText"),
        new("/Projects", "Registers.Projects", "Registers.ProjectsText"),
        new("/Trainings", "Registers.Trainings", "Registers.TrainingsText"),
        new("/Experts", "Registers.Experts", "Registers.ExpertsText"),
        new("/JobFairs", "Registers.JobFairs", "Registers.JobFairsText"),
        new("/Partners", "Registers.Partners", "Registers.PartnersText"),
        new("/Channels", "Registers.Channels", "Registers.ChannelsText"),
    ];
}
