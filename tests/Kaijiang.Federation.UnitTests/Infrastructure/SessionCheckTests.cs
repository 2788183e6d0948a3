using Kaijiang.Federation.Web.Infrastructure;

namespace Kaijiang.Federation.UnitTests.Infrastructure;

/// <summary>The session check's timing: the rule Identity's security-stamp validator applies, asked before it is built.</summary>
public sealed class SessionCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_cookie_without_an_issue_time_is_always_checked() =>
        Assert.True(SessionCheck.IsDue(null, Now, TimeSpan.FromSeconds(60)));

    [Theory]
    [InlineData(0, false)]
    [InlineData(59, false)]
    [InlineData(60, false)]
    [InlineData(61, true)]
    [InlineData(3600, true)]
    public void A_cookie_is_checked_once_it_is_older_than_the_interval(int ageSeconds, bool due) =>
        Assert.Equal(due, SessionCheck.IsDue(Now.AddSeconds(-ageSeconds), Now, TimeSpan.FromSeconds(60)));

    [Fact]
    public void With_an_interval_of_zero_every_request_after_the_sign_in_is_checked() =>
        Assert.True(SessionCheck.IsDue(Now.AddMilliseconds(-1), Now, TimeSpan.Zero));
}
