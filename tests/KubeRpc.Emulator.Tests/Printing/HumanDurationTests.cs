using KubeRpc.Emulator.Printing;

namespace KubeRpc.Emulator.Tests.Printing;

public class HumanDurationTests
{
    private const long Ms = TimeSpan.TicksPerMillisecond;
    private const long Sec = TimeSpan.TicksPerSecond;
    private const long Min = TimeSpan.TicksPerMinute;
    private const long Hour = TimeSpan.TicksPerHour;
    private const long Day = TimeSpan.TicksPerDay;
    private const long Year = 365 * Day;

    // The boundary table of apimachinery's duration_test.go, in ticks.
    [Theory]
    [InlineData(-2 * Sec, "<invalid>")]
    [InlineData(-2 * Sec + 1, "0s")]
    [InlineData(0L, "0s")]
    [InlineData(Sec - Ms, "0s")]
    [InlineData(Sec, "1s")]
    [InlineData(70 * Sec, "70s")]
    [InlineData(2 * Min - Ms, "119s")]
    [InlineData(2 * Min, "2m")]
    [InlineData(2 * Min + Sec, "2m1s")]
    [InlineData(190 * Sec, "3m10s")]
    [InlineData(5 * Min + 12 * Sec, "5m12s")]
    [InlineData(10 * Min - Ms, "9m59s")]
    [InlineData(10 * Min, "10m")]
    [InlineData(10 * Min + Sec, "10m")]
    [InlineData(70 * Min, "70m")]
    [InlineData(3 * Hour - Ms, "179m")]
    [InlineData(3 * Hour, "3h")]
    [InlineData(3 * Hour + Min, "3h1m")]
    [InlineData(8 * Hour - Ms, "7h59m")]
    [InlineData(8 * Hour, "8h")]
    [InlineData(8 * Hour + 59 * Min, "8h")]
    [InlineData(47 * Hour, "47h")]
    [InlineData(2 * Day - Ms, "47h")]
    [InlineData(2 * Day, "2d")]
    [InlineData(49 * Hour, "2d1h")]
    [InlineData(8 * Day - Ms, "7d23h")]
    [InlineData(8 * Day, "8d")]
    [InlineData(8 * Day + 23 * Hour, "8d")]
    [InlineData(367 * Day, "367d")]
    [InlineData(2 * Year - Ms, "729d")]
    [InlineData(2 * Year, "2y")]
    [InlineData(2 * Year + 24 * Hour - Ms, "2y")]
    [InlineData(2 * Year + 25 * Hour, "2y1d")]
    [InlineData(8 * Year - Ms, "7y364d")]
    [InlineData(8 * Year, "8y")]
    [InlineData(8 * Year + 364 * Day, "8y")]
    [InlineData(10 * Year + 5 * Day, "10y")]
    public void Format_UpstreamBoundaries_MatchApimachinery(long ticks, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void Format_BeyondGoDurationRange_SaturatesLikeTimeSince()
    {
        // time.Since clamps to the max int64 nanoseconds, ~292 years.
        Assert.Equal("292y", HumanDuration.Format(TimeSpan.FromDays(365 * 500)));
    }

    [Fact]
    public void Since_NullTimestamp_IsUnknown()
    {
        Assert.Equal("<unknown>", HumanDuration.Since(null, DateTime.UtcNow));
    }

    [Fact]
    public void Since_GoZeroTime_IsUnknown()
    {
        Assert.Equal("<unknown>", HumanDuration.Since(DateTime.MinValue, DateTime.UtcNow));
    }

    [Fact]
    public void Since_UtcTimestamps_FormatsDifference()
    {
        var now = new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal("5m12s", HumanDuration.Since(now.AddSeconds(-312), now));
    }

    [Fact]
    public void Since_UnspecifiedKind_TreatedAsUtc()
    {
        var now = new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        var created = DateTime.SpecifyKind(now.AddHours(-3), DateTimeKind.Unspecified);
        Assert.Equal("3h", HumanDuration.Since(created, now));
    }

    [Fact]
    public void Since_LocalKind_ConvertedToUtc()
    {
        var now = new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        var created = now.AddDays(-2).ToLocalTime();
        Assert.Equal("2d", HumanDuration.Since(created, now));
    }

    [Fact]
    public void Since_FutureBeyondSkew_IsInvalid()
    {
        var now = new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal("<invalid>", HumanDuration.Since(now.AddSeconds(5), now));
    }
}
