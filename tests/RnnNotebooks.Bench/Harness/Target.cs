using System.Globalization;

namespace RnnNotebooks.Bench.Harness;

/// <summary>What a workload must reach, as measured in the same run: a time, a share of the machine's peak, or a time per step.</summary>
public abstract record Target
{
    /// <summary>At most this many seconds for the whole run.</summary>
    public sealed record Seconds(double Limit) : Target
    {
        /// <inheritdoc />
        public override string ToString() => $"≤ {Limit.ToString("G3", CultureInfo.InvariantCulture)} s";
    }

    /// <summary>At least this fraction of the measured float64 peak of all cores.</summary>
    public sealed record PeakShare(double Fraction) : Target
    {
        /// <inheritdoc />
        public override string ToString() => $"≥ {100 * Fraction:F0}% peak";
    }

    /// <summary>At most this many nanoseconds per step.</summary>
    public sealed record NanosecondsPerStep(double Limit) : Target
    {
        /// <inheritdoc />
        public override string ToString() => $"≤ {Limit:F0} ns/step";
    }

    /// <summary>Whether <paramref name="report"/>'s median meets the target.</summary>
    public bool? MetBy(WorkloadReport report) => this switch
    {
        Seconds s => report.Ours?.Median is { } median ? median <= s.Limit : null,
        PeakShare p => report.PeakFraction is { } fraction ? fraction >= p.Fraction : null,
        NanosecondsPerStep n => report.NanosecondsPerStep is { } ns ? ns <= n.Limit : null,
        _ => null,
    };
}
