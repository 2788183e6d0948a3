using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.UnitTests.Registers;

public sealed class StandardChecklistTests
{
    private static readonly DateOnly Visit = new(2026, 3, 10);

    [Fact]
    public void A_home_meeting_every_active_item_is_standardised()
    {
        Assert.True(StandardChecklist.MeetsStandard([1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]));
    }

    [Fact]
    public void One_missing_item_and_the_home_is_not_standardised()
    {
        Assert.False(StandardChecklist.MeetsStandard([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5]));
    }

    [Fact]
    public void Items_met_beyond_the_active_ones_do_not_matter()
    {
        Assert.True(StandardChecklist.MeetsStandard([1, 2], [1, 2, 99]));
    }

    [Fact]
    public void Without_any_active_item_there_is_no_standard_to_meet()
    {
        Assert.False(StandardChecklist.MeetsStandard([], [1, 2]));
    }

    [Fact]
    public void Becoming_standardised_dates_it_to_the_visit()
    {
        Assert.Equal(Visit, StandardChecklist.StandardisedOn(null, meetsNow: true, Visit));
    }

    [Fact]
    public void Staying_standardised_keeps_the_original_date()
    {
        var since = new DateOnly(2019, 5, 1);
        Assert.Equal(since, StandardChecklist.StandardisedOn(since, meetsNow: true, Visit));
    }

    [Fact]
    public void Losing_an_item_clears_the_date()
    {
        Assert.Null(StandardChecklist.StandardisedOn(new DateOnly(2019, 5, 1), meetsNow: false, Visit));
    }

    [Fact]
    public void Apply_judges_a_loaded_home_by_its_met_items()
    {
        var home = new ServiceSite
        {
            MetItems = [new() { StandardChecklistItemId = 1 }, new() { StandardChecklistItemId = 2 }],
        };

        StandardChecklist.Apply(home, [1, 2], Visit);
        Assert.Equal(Visit, home.StandardisedOn);

        StandardChecklist.Apply(home, [1, 2, 3], Visit.AddDays(30));
        Assert.Null(home.StandardisedOn);
        Assert.False(home.IsStandardised);
    }
}
