using System.Globalization;
using System.Net;
using System.Text;

namespace RnnNotebooks.Charts;

/// <summary>
/// A small table of results (rows of named columns) that notebooks show instead of walls of numbers.
/// It displays as an HTML table through the runtime's <c>ToHtml()</c> convention and as aligned text elsewhere.
/// </summary>
public sealed class ResultTable
{
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table with the given column headers.</summary>
    /// <exception cref="ArgumentException">No columns.</exception>
    public ResultTable(params string[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("expected at least one column name, got none.", nameof(columns));
        Columns = columns;
    }

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows, formatted.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>
    /// Digits after the decimal point for floating-point cells. A value too small to show two significant
    /// digits that way (or of a billion or more) is written as an exponent instead, e.g. <c>1.58e-4</c>.
    /// </summary>
    public int Digits { get; init; } = 4;

    /// <summary>Adds a row; numbers are formatted as <see cref="Digits"/> says, text as it is.</summary>
    /// <exception cref="ArgumentException">The row has a different number of cells from the columns.</exception>
    public ResultTable AddRow(params object?[] cells)
    {
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"expected {Columns.Count} cells ({string.Join(", ", Columns)}), got {cells.Length}.", nameof(cells));
        _rows.Add(cells.Select(Format).ToArray());
        return this;
    }

    private string Format(object? cell) => cell switch
    {
        null => "",
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private string FormatDouble(double value)
    {
        double magnitude = Math.Abs(value);
        if (value != 0 && double.IsFinite(value) && (magnitude < Math.Pow(10, 1 - Digits) || magnitude >= 1e9))
            return NumberFormat.Scientific(value, 3);
        return double.IsFinite(value) ? value.ToString("F" + Digits, CultureInfo.InvariantCulture) : NumberFormat.Auto(value);
    }

    /// <summary>The table as HTML.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<table><thead><tr>");
        foreach (var c in Columns) sb.Append("<th>").Append(WebUtility.HtmlEncode(c)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in _rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row) sb.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>The table as aligned plain text.</summary>
    public override string ToString()
    {
        var widths = Columns.Select((c, i) => Math.Max(c.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(string.Join("  ", Columns.Select((c, i) => c.PadLeft(widths[i]))));
        sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows) sb.AppendLine(string.Join("  ", row.Select((c, i) => c.PadLeft(widths[i]))));
        return sb.ToString().TrimEnd('\n', '\r');
    }
}
