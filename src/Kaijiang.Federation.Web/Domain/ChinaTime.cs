namespace Kaijiang.Federation.Web.Domain;

/// <summary>Dates, months and deadlines are China Standard Time whatever the server's time zone (design.md).</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Now(this TimeProvider clock) => clock.GetUtcNow().ToOffset(Offset);

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.Now().DateTime);

    /// <summary>
    /// The instant a China day begins, in UTC: what a query compares timestamps with. Npgsql refuses a
    /// <see cref="DateTimeOffset"/> parameter with any other offset, and the stored instants are UTC.
    /// </summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();
}
