using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.UnitTests.Domain;

public sealed class OfficeRequirementsTests
{
    [Theory]
    [InlineData(OrganisationKind.Village, 1, 1, 5)]
    [InlineData(OrganisationKind.Community, 1, 1, 5)]
    [InlineData(OrganisationKind.Township, 1, 1, 7)]
    [InlineData(OrganisationKind.County, 1, 1, 7)]
    [InlineData(OrganisationKind.Unit, 1, 0, 3)]
    public void Each_kind_requires_its_numbers(OrganisationKind kind, int chairs, int viceChairs, int executives)
    {
        var requirement = OfficeRequirements.For(kind);

        Assert.Equal(chairs, requirement.Minimum(Office.Chair));
        Assert.Equal(viceChairs, requirement.Minimum(Office.ViceChair));
        Assert.Equal(executives, requirement.Minimum(Office.ExecutiveMember));
    }

    [Fact]
    public void A_complete_village_roster_has_no_vacancy()
    {
        Office[] roster = [Office.Chair, Office.ViceChair, Office.ViceChair, .. Enumerable.Repeat(Office.ExecutiveMember, 5)];

        Assert.Empty(OfficeRequirements.Vacancies(OrganisationKind.Village, roster));
    }

    [Fact]
    public void A_village_without_a_chair_and_with_two_executives_lacks_a_chair_and_three_executives()
    {
        Office[] roster = [Office.ViceChair, Office.ExecutiveMember, Office.ExecutiveMember];

        var vacancies = OfficeRequirements.Vacancies(OrganisationKind.Village, roster);

        Assert.Equal([Office.Chair, Office.ExecutiveMember], vacancies.Select(v => v.Office));
        Assert.Equal(1, vacancies[0].Missing);
        Assert.Equal(3, vacancies[1].Missing);
        Assert.Equal(2, vacancies[1].Held);
    }

    [Fact]
    public void An_empty_township_lacks_every_office()
    {
        var vacancies = OfficeRequirements.Vacancies(OrganisationKind.Township, []);

        Assert.Equal(9, vacancies.Sum(v => v.Missing));
    }
}
