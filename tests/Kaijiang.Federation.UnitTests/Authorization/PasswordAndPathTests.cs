using Kaijiang.Federation.Web.Authorization;
using Kaijiang.Federation.Web.Domain;

namespace Kaijiang.Federation.UnitTests.Authorization;

public sealed class CommonPasswordValidatorTests
{
    [Theory]
    [InlineData("password1234")]
    [InlineData("Password1234")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("123456789012")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abababababab")]
    [InlineData("abcdefghijklm")]
    [InlineData("woaini1314520")]
    public void Common_or_guessable_passwords_are_refused(string password) =>
        Assert.True(CommonPasswordValidator.IsCommon(password, "county.staff"));

    [Fact]
    public void A_password_containing_the_user_name_is_refused() =>
        Assert.True(CommonPasswordValidator.IsCommon("my-chair.xinning-pass", "chair.xinning"));

    [Theory]
    [InlineData("春天的开江油菜花开了")]
    [InlineData("horse battery staple")]
    [InlineData("Kaijiang-Demo-2026")]
    public void A_memorable_phrase_is_accepted(string password) =>
        Assert.False(CommonPasswordValidator.IsCommon(password, "county.staff"));
}

public sealed class OrganisationPathTests
{
    [Theory]
    [InlineData("00001", "00002")]
    [InlineData("0000100009", "000010001")]
    [InlineData("0000100099", "00001001")]
    [InlineData("99999", "99999:")]
    public void The_upper_bound_is_the_next_prefix(string path, string upper) =>
        Assert.Equal(upper, OrganisationPath.SubtreeUpperBound(path));

    [Fact]
    public void Every_descendant_lies_in_the_range_and_no_sibling_does()
    {
        var root = OrganisationPath.Child("00001", 9);
        var upper = OrganisationPath.SubtreeUpperBound(root);
        var descendants = new[] { root, OrganisationPath.Child(root, 1), OrganisationPath.Child(OrganisationPath.Child(root, 99_999), 5) };
        var outside = new[] { OrganisationPath.Child("00001", 8), OrganisationPath.Child("00001", 10), "00001", "00002" };

        Assert.All(descendants, d => Assert.True(string.CompareOrdinal(d, root) >= 0 && string.CompareOrdinal(d, upper) < 0, d));
        Assert.All(outside, d => Assert.False(string.CompareOrdinal(d, root) >= 0 && string.CompareOrdinal(d, upper) < 0, d));
    }

    [Fact]
    public void Depth_and_ancestors_follow_the_segments()
    {
        var path = "000010000200003";
        Assert.Equal(2, OrganisationPath.DepthOf(path));
        Assert.Equal(["00001", "0000100002"], OrganisationPath.Ancestors(path));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrganisationPath.Segment(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrganisationPath.Segment(100_000));
    }
}

public sealed class StipendRuleTests
{
    [Theory]
    [InlineData(1000, 3000, true)]
    [InlineData(999.99, 3000, false)]
    [InlineData(1000, 3000.01, false)]
    [InlineData(1500, 3000, true)]
    public void The_stipend_must_be_at_least_a_third_of_the_secretarys_pay(double stipend, double pay, bool meets) =>
        Assert.Equal(meets, StipendRule.Meets((decimal)stipend, (decimal)pay));

    [Fact]
    public void Without_both_figures_the_rule_cannot_be_judged()
    {
        Assert.Null(StipendRule.Meets(null, 3000m));
        Assert.Null(StipendRule.Meets(1000m, null));
        Assert.Null(StipendRule.Meets(1000m, 0m));
    }
}
