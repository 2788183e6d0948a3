using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.UnitTests.Domain;

public sealed class OrganisationHierarchyTests
{
    [Theory]
    [InlineData(OrganisationKind.County, OrganisationKind.Township, true)]
    [InlineData(OrganisationKind.Township, OrganisationKind.Village, true)]
    [InlineData(OrganisationKind.Township, OrganisationKind.Community, true)]
    [InlineData(OrganisationKind.Township, OrganisationKind.Unit, true)]
    [InlineData(OrganisationKind.Community, OrganisationKind.Unit, true)]
    [InlineData(OrganisationKind.County, OrganisationKind.Village, false)]
    [InlineData(OrganisationKind.Township, OrganisationKind.Township, false)]
    [InlineData(OrganisationKind.Village, OrganisationKind.Unit, false)]
    [InlineData(OrganisationKind.Unit, OrganisationKind.Unit, false)]
    public void Kinds_fit_their_parents(OrganisationKind parent, OrganisationKind child, bool fits) =>
        Assert.Equal(fits, OrganisationHierarchy.CanHold(parent, child));

    [Fact]
    public void Only_units_have_a_unit_kind()
    {
        Assert.True(OrganisationHierarchy.UnitKindFits(OrganisationKind.Unit, UnitKind.Enterprise));
        Assert.False(OrganisationHierarchy.UnitKindFits(OrganisationKind.Unit, UnitKind.None));
        Assert.False(OrganisationHierarchy.UnitKindFits(OrganisationKind.Village, UnitKind.Enterprise));
        Assert.True(OrganisationHierarchy.UnitKindFits(OrganisationKind.Village, UnitKind.None));
    }
}
