using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Accounts;

namespace Kaijiang.Federation.UnitTests.Accounts;

/// <summary>Which organisation an account of each role may be scoped to, and the passwords given out by administrators.</summary>
public sealed class RoleScopeTests
{
    [Theory]
    [InlineData(Roles.TownshipChair, OrganisationKind.Township, true)]
    [InlineData(Roles.TownshipChair, OrganisationKind.County, false)]
    [InlineData(Roles.TownshipChair, OrganisationKind.Village, false)]
    [InlineData(Roles.VillageChair, OrganisationKind.Village, true)]
    [InlineData(Roles.VillageChair, OrganisationKind.Community, true)]
    [InlineData(Roles.VillageChair, OrganisationKind.Unit, true)]
    [InlineData(Roles.VillageChair, OrganisationKind.Township, false)]
    [InlineData(Roles.CountyStaff, OrganisationKind.County, true)]
    [InlineData(Roles.CountyStaff, OrganisationKind.City, true)]
    [InlineData(Roles.CountyStaff, OrganisationKind.Township, false)]
    [InlineData(Roles.SystemAdmin, OrganisationKind.Province, true)]
    [InlineData(Roles.SystemAdmin, OrganisationKind.Township, false)]
    [InlineData(Roles.Leadership, OrganisationKind.County, true)]
    [InlineData(Roles.Leadership, OrganisationKind.Township, true)]
    [InlineData(Roles.Leadership, OrganisationKind.Village, false)]
    [InlineData("Nobody", OrganisationKind.County, false)]
    public void A_role_fits_only_its_levels(string role, OrganisationKind kind, bool fits) =>
        Assert.Equal(fits, RoleScope.Fits(role, kind));

    [Fact]
    public void Temporary_passwords_are_long_varied_and_pass_the_common_password_check()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => TemporaryPassword.Generate("ops.admin")).ToList();
        Assert.All(passwords, p =>
        {
            Assert.Equal(19, p.Length);
            Assert.False(CommonPasswordValidator.IsCommon(p, "ops.admin"));
        });
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }
}
