namespace RnnNotebooks.Bench.Harness;

/// <summary>One benchmark: our library's run and, when there is one, its PyTorch peer script.</summary>
public abstract class Workload
{
    /// <summary>Short name used by <c>--only</c>.</summary>
    public abstract string Name { get; }

    /// <summary>What is measured, in a line.</summary>
    public abstract string Description { get; }

    /// <summary>What the run must reach, or null when it only shows where the library stands.</summary>
    public virtual Target? Target => null;

    /// <summary>Steps (training samples × time steps) of one run, for workloads whose measure is a time per step.</summary>
    public virtual double? Steps => null;

    /// <summary>Floating-point operations of one run, when they can be counted from the shapes.</summary>
    public virtual FlopCount? Flops => null;

    /// <summary>The script under <c>scripts/bench/</c> that runs the same work in PyTorch, if any.</summary>
    public virtual string? PeerScript => null;

    /// <summary>Arguments for <see cref="PeerScript"/>.</summary>
    public virtual IReadOnlyList<string> PeerArguments => [];

    /// <summary>Why this workload cannot run yet (a missing project, say), or null.</summary>
    public virtual string? Unavailable(Repository repository) => null;

    /// <summary>Anything to do once before the timed runs (a build); not timed.</summary>
    public virtual void Prepare(Repository repository) { }

    /// <summary>One timed run with our library.</summary>
    public abstract Measurement RunOurs(Repository repository);
}
