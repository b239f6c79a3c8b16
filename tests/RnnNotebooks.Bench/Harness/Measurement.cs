namespace RnnNotebooks.Bench.Harness;

/// <summary>What one timed run produced: its wall time and its answer (loss, weights, accuracy).</summary>
public sealed record Measurement(double Seconds, IReadOnlyDictionary<string, object?> Result);
