using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.Dashboard;

namespace Kaijiang.Federation.UnitTests.Dashboard;

public sealed class DashboardSnapshotOptionsTests
{
    [Fact]
    public void By_default_a_province_and_a_city_use_snapshots_and_a_county_and_below_do_not()
    {
        var options = new DashboardSnapshotOptions();

        Assert.True(options.UsesSnapshot(OrganisationKind.Province));
        Assert.True(options.UsesSnapshot(OrganisationKind.City));
        Assert.All(
            new[] { OrganisationKind.County, OrganisationKind.Township, OrganisationKind.Village, OrganisationKind.Community, OrganisationKind.Unit },
            kind => Assert.False(options.UsesSnapshot(kind)));
        Assert.Empty(options.UnknownKinds);
        Assert.Equal(60, options.SnapshotRefreshSeconds);
    }

    [Fact]
    public void The_setting_is_read_without_case_and_a_name_that_is_no_kind_is_ignored_and_reported()
    {
        var options = new DashboardSnapshotOptions { SnapshotKinds = " county , Provinec " };

        Assert.Equal([OrganisationKind.County], options.Kinds);
        Assert.Equal(["Provinec"], options.UnknownKinds);
        Assert.Empty(new DashboardSnapshotOptions { SnapshotKinds = "" }.Kinds);
    }
}
