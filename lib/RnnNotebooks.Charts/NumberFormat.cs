using System.Globalization;

namespace RnnNotebooks.Charts;

/// <summary>
/// Numbers written for people: exponents as <c>1.04e-5</c> (never <c>1.041E-005</c>), no SI prefixes,
/// and doubles that must be compared digit for digit in their shortest round-trip form.
/// </summary>
public static class NumberFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// <paramref name="value"/> in scientific notation with <paramref name="significantDigits"/> significant
    /// digits, trailing zeros dropped: 1.041e-5 as <c>1.04e-5</c>, 2e6 as <c>2e6</c>, −0.5 as <c>-5e-1</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="significantDigits"/> is not in 1 … 17.</exception>
    public static string Scientific(double value, int significantDigits = 3)
    {
        if (significantDigits is < 1 or > 17)
            throw new ArgumentOutOfRangeException(nameof(significantDigits), significantDigits, "Expected 1 to 17 significant digits.");
        if (!double.IsFinite(value)) return NonFinite(value);
        if (value == 0) return "0";
        string text = value.ToString("E" + (significantDigits - 1).ToString(Invariant), Invariant);   // "-1.041E-005"
        return Compose(text);
    }

    /// <summary>
    /// <paramref name="significantDigits"/> significant digits, as plain decimals when 1e-3 ≤ |value| &lt; 1e6 and
    /// the integer part fits in them (<c>0.0292</c>, <c>84.5</c>), else <see cref="Scientific"/> (<c>6.16e5</c>).
    /// <paramref name="trimZeros"/> drops trailing zeros (<c>1</c> rather than <c>1.000</c>).
    /// </summary>
    public static string Auto(double value, int significantDigits = 4, bool trimZeros = false)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        if (value == 0) return "0";
        double magnitude = Math.Abs(value);
        int integerDigits = (int)Math.Floor(Math.Log10(magnitude)) + 1;
        if (magnitude < 1e-3 || magnitude >= 1e6 || integerDigits > significantDigits) return Scientific(value, significantDigits);
        int decimals = Math.Clamp(significantDigits - integerDigits, 0, 15);
        string text = value.ToString("F" + decimals.ToString(Invariant), Invariant);
        return trimZeros && text.Contains('.') ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    /// <summary>
    /// <paramref name="value"/> with enough decimals to show a difference of <paramref name="resolution"/> and one
    /// more (<c>4.998960</c> for 1e-5), in round trip when that is finer than 1e-6, and as an exponent for very
    /// small or large values.
    /// </summary>
    public static string Resolving(double value, double resolution)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        if (!(resolution > 1e-6) || !double.IsFinite(resolution)) return RoundTrip(value);
        double magnitude = Math.Abs(value);
        int decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(resolution)) + 1);
        if (value != 0 && (magnitude < 1e-3 || magnitude >= 1e6))
            return Scientific(value, Math.Clamp((int)Math.Floor(Math.Log10(magnitude)) + 1 + decimals, 2, 17));
        return value.ToString("F" + Math.Min(decimals, 15).ToString(Invariant), Invariant);
    }

    /// <summary>
    /// The shortest text that reads back as exactly <paramref name="value"/> (as NumPy's <c>repr</c> and C#'s
    /// <c>"R"</c>), with a lower-case exponent: <c>0.19990398246938165</c>, <c>1.5828729300316997e-5</c>.
    /// </summary>
    public static string RoundTrip(double value)
    {
        if (!double.IsFinite(value)) return NonFinite(value);
        string text = value.ToString("R", Invariant);
        return text.Contains('E') ? Compose(text) : text;
    }

    /// <summary>
    /// The label of the tick at 10^<paramref name="exponent"/>: <c>0.01</c>, <c>1</c>, <c>1000</c> when
    /// <paramref name="scientific"/> is false, else <c>1e-2</c>, <c>1e0</c>, <c>1e3</c>.
    /// </summary>
    public static string Decade(int exponent, bool scientific) =>
        scientific ? "1e" + exponent.ToString(Invariant) : Math.Pow(10, exponent).ToString("0.##########", Invariant);

    /// <summary>Whether decade labels over [10^<paramref name="low"/>, 10^<paramref name="high"/>] read better as exponents (any beyond 1e-3 … 1e3).</summary>
    public static bool DecadesNeedExponents(int low, int high) => low < -3 || high > 3;

    private static string Compose(string eText)
    {
        int e = eText.IndexOf('E');
        string mantissa = eText[..e];
        if (mantissa.Contains('.')) mantissa = mantissa.TrimEnd('0').TrimEnd('.');
        int exponent = int.Parse(eText[(e + 1)..], NumberStyles.AllowLeadingSign, Invariant);
        return mantissa + "e" + exponent.ToString(Invariant);
    }

    private static string NonFinite(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "∞" : "−∞";
}
