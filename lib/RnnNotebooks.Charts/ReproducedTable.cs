using System.Net;
using System.Text;

namespace RnnNotebooks.Charts;

/// <summary>
/// The "Reproduced" table that closes each notebook: each source figure next to ours, with the
/// tolerance and a pass mark. <see cref="ThrowIfAnyFailed"/> turns a drifted result into a failing cell.
/// </summary>
public sealed class ReproducedTable
{
    private readonly List<ReproducedFigure> _rows = [];

    /// <summary>The rows so far.</summary>
    public IReadOnlyList<ReproducedFigure> Rows => _rows;

    /// <summary>Whether every row passes.</summary>
    public bool AllPassed => _rows.All(r => r.Passed);

    /// <summary>
    /// Ours must be within <paramref name="tolerance"/> of <paramref name="source"/>. Without
    /// <paramref name="sourceText"/> the source is shown to every digit it has; ours too when the tolerance is
    /// finer than 1e-6, so the two can be read against each other digit for digit.
    /// </summary>
    public ReproducedTable Close(string figure, double source, double ours, double tolerance, string? sourceText = null)
    {
        double deviation = Math.Abs(ours - source);
        _rows.Add(new ReproducedFigure(figure, sourceText ?? NumberFormat.RoundTrip(source), ours,
            "|Δ| ≤ " + Format(tolerance), deviation, deviation <= tolerance)
        {
            OursText = NumberFormat.Resolving(ours, tolerance),
        });
        return this;
    }

    /// <summary>Ours must be at least <paramref name="limit"/>.</summary>
    public ReproducedTable AtLeast(string figure, string sourceText, double ours, double limit)
    {
        _rows.Add(new ReproducedFigure(figure, sourceText, ours, "≥ " + Format(limit), null, ours >= limit));
        return this;
    }

    /// <summary>Ours must be at most <paramref name="limit"/>.</summary>
    public ReproducedTable AtMost(string figure, string sourceText, double ours, double limit)
    {
        _rows.Add(new ReproducedFigure(figure, sourceText, ours, "≤ " + Format(limit), null, ours <= limit));
        return this;
    }

    /// <summary>Ours must lie in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public ReproducedTable Within(string figure, string sourceText, double ours, double low, double high)
    {
        _rows.Add(new ReproducedFigure(figure, sourceText, ours, $"{Format(low)} … {Format(high)}", null, ours >= low && ours <= high));
        return this;
    }

    /// <summary>Throws if any row fails, naming every failing figure with both values.</summary>
    /// <exception cref="InvalidOperationException">A figure is outside its tolerance.</exception>
    public void ThrowIfAnyFailed()
    {
        var failed = _rows.Where(r => !r.Passed).ToList();
        if (failed.Count == 0) return;
        throw new InvalidOperationException(
            $"{failed.Count} of {_rows.Count} figures not reproduced: " +
            string.Join("; ", failed.Select(r => $"{r.Figure}: source {r.Source}, ours {r.OursText}, expected {r.Criterion}")));
    }

    /// <summary>The table as HTML, with a pass mark per row.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<table><thead><tr><th>figure</th><th>source</th><th>ours (this run)</th><th>criterion</th><th>|Δ|</th><th>pass</th></tr></thead><tbody>");
        foreach (var r in _rows)
        {
            sb.Append("<tr><td>").Append(Enc(r.Figure)).Append("</td><td>").Append(Enc(r.Source))
              .Append("</td><td>").Append(Enc(r.OursText)).Append("</td><td>").Append(Enc(r.Criterion))
              .Append("</td><td>").Append(r.Deviation is double d ? Enc(d == 0 ? "0" : NumberFormat.Scientific(d, 2)) : "")
              .Append("</td><td>").Append(r.Passed ? "<b style=\"color:#1a7f37\">pass</b>" : "<b style=\"color:#cf222e\">FAIL</b>").Append("</td></tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(Environment.NewLine, _rows.Select(r => $"{(r.Passed ? "pass" : "FAIL")}  {r.Figure}: source {r.Source}, ours {r.OursText} ({r.Criterion})"));

    private static string Format(double v) => v != 0 && Math.Abs(v) < 1e-3 ? NumberFormat.Scientific(v, 15) : NumberFormat.RoundTrip(v);

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
