namespace RnnNotebooks.Bench.Harness;

/// <summary>Everything measured for one workload, as printed and as written to JSON.</summary>
public sealed record WorkloadReport(
    string Name, string Description, Target? Target, double? Steps, string? Skipped,
    SideReport? Ours, SideReport? Torch, FlopCount? Flops, double PeakGflops)
{
    /// <summary>PyTorch's median over ours: how many times faster we are.</summary>
    public double? SpeedUp => Ours?.Median is { } ours && Torch?.Median is { } torch ? torch / ours : null;

    /// <summary>Our achieved GFLOP/s at the median.</summary>
    public double? Gflops => Ours?.Median is { } ours && Flops is { } flops ? flops.Total / ours / 1e9 : null;

    /// <summary>That as a fraction of the machine's measured float64 peak.</summary>
    public double? PeakFraction => Gflops / PeakGflops;

    /// <summary>Our median time per step, in nanoseconds, for workloads counted in steps.</summary>
    public double? NanosecondsPerStep => Ours?.Median is { } ours && Steps is { } steps ? ours / steps * 1e9 : null;

    /// <summary>Whether our median meets the target.</summary>
    public bool? MeetsTarget => Target?.MetBy(this);
}
