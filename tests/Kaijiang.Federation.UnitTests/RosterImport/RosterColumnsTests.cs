using Kaijiang.Federation.Web.Domain;
using Kaijiang.Federation.Web.Features.RosterImport;

namespace Kaijiang.Federation.UnitTests.RosterImport;

/// <summary>The words the roster export writes for coded values: the first word the import reads as each value.</summary>
public sealed class RosterColumnsTests
{
    [Fact]
    public void A_value_with_two_words_is_written_with_the_first_and_every_value_has_one()
    {
        var offices = RosterColumns.WordsFor(RosterColumns.Offices);
        Assert.Equal("执委", offices[Office.ExecutiveMember]);
        Assert.Equal("主席", offices[Office.Chair]);
        Assert.Equal("中专", RosterColumns.WordsFor(RosterColumns.Educations)[Education.Vocational]);
        Assert.Equal("兼职", RosterColumns.WordsFor(RosterColumns.FullTimeWords)[false]);

        // Every word written reads back as the same value.
        var educations = RosterColumns.WordsFor(RosterColumns.Educations);
        Assert.All(educations, kv => Assert.Equal(kv.Key, RosterColumns.Educations[kv.Value]));
        Assert.Equal(RosterColumns.Educations.Values.Distinct().Count(), educations.Count);
    }
}
