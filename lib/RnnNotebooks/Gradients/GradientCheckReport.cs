using System.Globalization;
using System.Text;

namespace RnnNotebooks.Gradients;

/// <summary>Analytic gradients against central differences, one row per parameter; <see cref="ToString"/> renders a table.</summary>
public sealed class GradientCheckReport
{
    /// <summary>Wraps the rows.</summary>
    public GradientCheckReport(IReadOnlyList<GradientCheckEntry> entries, GradientCheckOptions options)
    {
        Entries = entries ?? throw new ArgumentNullException(nameof(entries));
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>One row per parameter, then the input if checked.</summary>
    public IReadOnlyList<GradientCheckEntry> Entries { get; }

    /// <summary>The settings used.</summary>
    public GradientCheckOptions Options { get; }

    /// <summary>The largest relative error of all rows.</summary>
    public double MaxRelativeError => Entries.Count == 0 ? 0 : Entries.Max(e => e.MaxRelativeError);

    /// <summary>The largest absolute error of all rows.</summary>
    public double MaxAbsoluteError => Entries.Count == 0 ? 0 : Entries.Max(e => e.MaxAbsoluteError);

    /// <summary>The row named <paramref name="name"/>.</summary>
    public GradientCheckEntry this[string name] =>
        Entries.FirstOrDefault(e => e.Name == name) ?? throw new KeyNotFoundException($"No gradient check row named '{name}'; rows: {string.Join(", ", Entries.Select(e => e.Name))}.");

    /// <summary>Whether every relative error is below <paramref name="tolerance"/>.</summary>
    public bool Passed(double tolerance = 1e-6) => Entries.All(e => e.MaxRelativeError < tolerance);

    /// <summary>A text table: parameter, entries, max relative error, max absolute error, max |gradient|.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        int width = Math.Max("parameter".Length, Entries.Count == 0 ? 0 : Entries.Max(e => e.Name.Length));
        var sb = new StringBuilder();
        sb.Append("parameter".PadRight(width)).Append("  entries  max rel error  max abs error  max |grad|").AppendLine();
        sb.Append(new string('-', width)).Append("  -------  -------------  -------------  ----------").AppendLine();
        foreach (var e in Entries)
        {
            sb.Append(e.Name.PadRight(width)).Append("  ")
              .Append(e.Count.ToString(ci).PadLeft(7)).Append("  ")
              .Append(e.MaxRelativeError.ToString("0.00E+00", ci).PadLeft(13)).Append("  ")
              .Append(e.MaxAbsoluteError.ToString("0.00E+00", ci).PadLeft(13)).Append("  ")
              .Append(e.MaxGradient.ToString("0.00E+00", ci).PadLeft(10)).AppendLine();
        }
        sb.Append(CultureInfo.InvariantCulture, $"max relative error {MaxRelativeError:0.00E+00} ({(Options.Method == FiniteDifference.Central ? "central" : "five-point central")} differences, ε = {Options.Epsilon:G3})");
        return sb.ToString();
    }
}
