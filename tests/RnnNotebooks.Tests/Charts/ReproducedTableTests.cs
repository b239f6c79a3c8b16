using RnnNotebooks.Charts;

namespace RnnNotebooks.Tests.Charts;

public class ReproducedTableTests
{
    [Fact]
    public void Each_criterion_passes_inside_and_fails_outside_its_bound()
    {
        var table = new ReproducedTable()
            .Close("close, inside", 1.0, 1.0 + 5e-10, 1e-9)
            .Close("close, outside", 1.0, 1.0 + 2e-9, 1e-9)
            .AtLeast("at least, inside", "≥ 0.95", 0.95, 0.95)
            .AtLeast("at least, outside", "≥ 0.95", 0.9499, 0.95)
            .AtMost("at most, inside", "≤ 1e-4", 1e-5, 1e-4)
            .AtMost("at most, outside", "≤ 1e-4", 2e-4, 1e-4)
            .Within("within, inside", "—", 0.6, 0.55, 0.70)
            .Within("within, outside", "—", 0.71, 0.55, 0.70);

        Assert.Equal(
            [true, false, true, false, true, false, true, false],
            table.Rows.Select(r => r.Passed).ToArray());
        Assert.False(table.AllPassed);
    }

    [Fact]
    public void ThrowIfAnyFailed_names_every_failing_figure_with_both_values()
    {
        var table = new ReproducedTable()
            .Close("Rprop w_x", 1.00135554721, 1.5, 1e-9)
            .AtLeast("held-out accuracy", "≥ 0.95", 0.5, 0.95)
            .AtMost("loss", "≤ 1e-4", 1e-5, 1e-4);

        var error = Assert.Throws<InvalidOperationException>(table.ThrowIfAnyFailed);
        Assert.Contains("2 of 3", error.Message);
        Assert.Contains("Rprop w_x", error.Message);
        Assert.Contains("1.00135554721", error.Message);
        Assert.Contains("1.5", error.Message);
        Assert.Contains("held-out accuracy", error.Message);
        Assert.DoesNotContain("loss", error.Message);
    }

    [Fact]
    public void A_table_that_passes_does_not_throw_and_renders_a_pass_mark_per_row()
    {
        var table = new ReproducedTable().Close("a", 2, 2, 0).AtMost("b", "x", 1, 2);

        table.ThrowIfAnyFailed();
        string html = table.ToHtml();
        Assert.Equal(2, html.Split(">pass</b>").Length - 1);
        Assert.DoesNotContain("FAIL", html);
    }

    [Fact]
    public void A_tight_closeness_test_shows_both_figures_to_every_digit()
    {
        var row = new ReproducedTable().Close("W_x", 0.19990398246938165, 0.1999039824693817, 1e-9).Rows[0];
        Assert.Equal("0.19990398246938165", row.Source);
        Assert.Equal("0.1999039824693817", row.OursText);
        Assert.Equal("|Δ| ≤ 1e-9", row.Criterion);

        var loose = new ReproducedTable().Close("loss", 0.028993, 0.029213456, 0.002).Rows[0];
        Assert.Equal("0.0292", loose.OursText);
        Assert.Equal("0.028993", loose.Source);
    }
}
