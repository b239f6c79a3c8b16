using RnnNotebooks.Runner;

namespace RnnNotebooks.Runtime.Tests;

public class RunnerOptionsTests
{
    [Fact]
    public void An_endless_cell_fails_within_three_minutes_by_default_and_the_usage_says_so()
    {
        var limit = RunnerOptions.Parse([]).CellTimeout;
        Assert.NotNull(limit);
        Assert.True(limit <= TimeSpan.FromMinutes(3), $"default per-cell timeout is {limit}");
        Assert.Contains($"(default: {limit!.Value.TotalSeconds})", RunnerOptions.Usage);
    }

    [Theory]
    [InlineData("--timeout", "abc", "--timeout expects seconds")]
    [InlineData("--timeout", "-1", "--timeout expects seconds")]
    public void A_bad_timeout_says_what_was_expected(string option, string value, string expected) =>
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => RunnerOptions.Parse([option, value])).Message);
}
