using System.Security.Claims;
using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Kaijiang.Federation.UnitTests.Authorization;

public sealed class OrganisationAuthorizationHandlerTests
{
    private const string County = "00001";
    private const string Xinning = "0000100001";
    private const string Puan = "0000100002";
    private const string XinningVillage = "000010000100003";

    private static readonly OrganisationResource CountyOrg = new(1, County, OrganisationKind.County);
    private static readonly OrganisationResource XinningOrg = new(2, Xinning, OrganisationKind.Township);
    private static readonly OrganisationResource PuanOrg = new(3, Puan, OrganisationKind.Township);
    private static readonly OrganisationResource VillageOrg = new(4, XinningVillage, OrganisationKind.Village);

    private static ClaimsPrincipal User(string role, string scopePath) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "someone"),
            new Claim(ClaimTypes.Role, role),
            new Claim(FederationClaims.ScopePath, scopePath),
        ],
        authenticationType: "test"));

    private static async Task<bool> Allowed(ClaimsPrincipal user, OrganisationResource resource, OperationAuthorizationRequirement operation)
    {
        var context = new AuthorizationHandlerContext([operation], user, resource);
        await new OrganisationAuthorizationHandler().HandleAsync(context);
        return context.HasSucceeded;
    }

    public static TheoryData<string, string> EveryOperation()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in Roles.All)
        {
            foreach (var operation in Operations.All)
            {
                data.Add(role, operation.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOperation))]
    public async Task Nothing_is_allowed_outside_the_scope(string role, string operation)
    {
        var requirement = Operations.All.Single(o => o.Name == operation);
        Assert.False(await Allowed(User(role, Xinning), PuanOrg, requirement));
        Assert.False(await Allowed(User(role, Xinning), CountyOrg, requirement));
    }

    [Theory]
    [InlineData(Roles.SystemAdmin, "Read,Create,Update,Delete,Approve,Import,Export,ManageUsers,Recommend")]
    [InlineData(Roles.CountyStaff, "Read,Create,Update,Delete,Approve,Import,Export,Recommend")]
    [InlineData(Roles.TownshipChair, "Read,Create,Update,Delete,Export,Recommend")]
    [InlineData(Roles.VillageChair, "Read,Create,Update")]
    [InlineData(Roles.Leadership, "Read,Export")]
    public async Task Inside_the_scope_the_role_table_decides(string role, string allowed)
    {
        var expected = allowed.Split(',').ToHashSet();
        var user = User(role, County);
        foreach (var operation in Operations.All.Where(o => o.Name != Operations.Submit.Name))
        {
            Assert.True(expected.Contains(operation.Name) == await Allowed(user, VillageOrg, operation), $"{role} {operation.Name}");
        }
    }

    [Fact]
    public async Task Only_a_township_chair_submits_and_only_her_townships_report()
    {
        Assert.True(await Allowed(User(Roles.TownshipChair, Xinning), XinningOrg, Operations.Submit));
        Assert.False(await Allowed(User(Roles.TownshipChair, Xinning), VillageOrg, Operations.Submit));
        Assert.False(await Allowed(User(Roles.TownshipChair, Xinning), PuanOrg, Operations.Submit));
        Assert.False(await Allowed(User(Roles.CountyStaff, County), XinningOrg, Operations.Submit));
        Assert.False(await Allowed(User(Roles.Leadership, County), XinningOrg, Operations.Submit));
    }

    [Fact]
    public async Task A_user_without_a_scope_or_a_role_may_do_nothing()
    {
        var noScope = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.SystemAdmin)], "test"));
        var noRole = new ClaimsPrincipal(new ClaimsIdentity([new Claim(FederationClaims.ScopePath, County)], "test"));
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());

        Assert.False(await Allowed(noScope, VillageOrg, Operations.Read));
        Assert.False(await Allowed(noRole, VillageOrg, Operations.Read));
        Assert.False(await Allowed(anonymous, VillageOrg, Operations.Read));
    }

    [Fact]
    public async Task A_sibling_whose_path_merely_starts_alike_is_outside()
    {
        // 0000100001 must not contain 00001000010 … only true descendants (whole segments) count.
        var user = User(Roles.TownshipChair, Xinning);
        Assert.True(await Allowed(user, VillageOrg, Operations.Update));
        Assert.False(await Allowed(user, new OrganisationResource(9, "0000100010", OrganisationKind.Township), Operations.Read));
    }
}
