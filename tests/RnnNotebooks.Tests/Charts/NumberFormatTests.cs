using RnnNotebooks.Charts;

namespace RnnNotebooks.Tests.Charts;

public class NumberFormatTests
{
    [Theory]
    [InlineData(1.041e-5, 3, "1.04e-5")]
    [InlineData(2e6, 3, "2e6")]
    [InlineData(-0.5, 2, "-5e-1")]
    [InlineData(9.999e-3, 2, "1e-2")]
    [InlineData(123456.0, 4, "1.235e5")]
    public void Scientific_writes_a_short_lower_case_exponent(double value, int digits, string expected) =>
        Assert.Equal(expected, NumberFormat.Scientific(value, digits));

    [Theory]
    [InlineData(0.19990398246938165, "0.19990398246938165")]
    [InlineData(0.00015828729300316997, "0.00015828729300316997")]
    [InlineData(1.5828729300316997e-7, "1.5828729300316997e-7")]
    [InlineData(1.001355547207059, "1.001355547207059")]
    public void Round_trip_text_reads_back_as_the_same_double(double value, string expected)
    {
        string text = NumberFormat.RoundTrip(value);
        Assert.Equal(expected, text);
        Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(0.02923, 3, "0.0292")]
    [InlineData(84.5, 3, "84.5")]
    [InlineData(1.04e-5, 3, "1.04e-5")]
    [InlineData(3.2e7, 2, "3.2e7")]
    [InlineData(0.0, 3, "0")]
    [InlineData(double.NaN, 3, "NaN")]
    public void Auto_uses_decimals_between_a_thousandth_and_a_million(double value, int digits, string expected) =>
        Assert.Equal(expected, NumberFormat.Auto(value, digits));

    [Fact]
    public void Decades_are_plain_near_one_and_exponents_far_from_it()
    {
        Assert.Equal("0.01", NumberFormat.Decade(-2, scientific: false));
        Assert.Equal("1000", NumberFormat.Decade(3, scientific: false));
        Assert.Equal("1e-5", NumberFormat.Decade(-5, scientific: true));
        Assert.False(NumberFormat.DecadesNeedExponents(-3, 3));
        Assert.True(NumberFormat.DecadesNeedExponents(-5, -4));
    }

    [Fact]
    public void Result_tables_write_tiny_values_as_exponents_instead_of_zeros()
    {
        var table = new ResultTable("value").AddRow(1.583e-4).AddRow(0.0292).AddRow(2.5e10).AddRow(0.0);
        Assert.Equal(["1.58e-4", "0.0292", "2.5e10", "0.0000"], table.Rows.Select(r => r[0]).ToArray());
    }

    [Theory]
    [InlineData(4.99896, 1e-5, "4.998960")]
    [InlineData(1.0013555, 0.01, "1.001")]
    [InlineData(0.0292134, 0.002, "0.0292")]
    [InlineData(3122.0, 0.0, "3122")]
    [InlineData(0.19990398246938165, 1e-9, "0.19990398246938165")]
    [InlineData(1.0234e-5, 1e-5, "1e-5")]
    public void Resolving_shows_the_digits_a_tolerance_needs(double value, double resolution, string expected) =>
        Assert.Equal(expected, NumberFormat.Resolving(value, resolution));

    [Fact]
    public void Auto_switches_to_an_exponent_when_the_integer_part_needs_more_digits()
    {
        Assert.Equal("6.16e5", NumberFormat.Auto(615690, 3));
        Assert.Equal("1", NumberFormat.Auto(1.0, 4, trimZeros: true));
        Assert.Equal("1.000", NumberFormat.Auto(1.0, 4));
    }
}
