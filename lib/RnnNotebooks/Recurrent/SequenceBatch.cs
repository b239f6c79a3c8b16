namespace RnnNotebooks.Recurrent;

/// <summary>Builds <c>[batch, time, features]</c> tensors from jagged arrays, rejecting ragged input.</summary>
public static class SequenceBatch
{
    /// <summary>
    /// Packs <paramref name="sequences"/>[b][t][f] into a <c>[batch, time, features]</c> tensor.
    /// Every sequence must have the same length and every step the same width.
    /// </summary>
    public static Tensor FromJagged(IReadOnlyList<IReadOnlyList<double[]>> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0) throw new ArgumentException("Expected at least one sequence; got none.", nameof(sequences));
        int time = sequences[0].Count;
        if (time == 0) throw new ArgumentException("Expected sequences of at least one step; sequence 0 is empty.", nameof(sequences));
        int width = sequences[0][0].Length;
        var data = new double[sequences.Count * time * width];
        for (int b = 0; b < sequences.Count; b++)
        {
            var seq = sequences[b];
            if (seq.Count != time)
                throw new ArgumentException($"Ragged batch: sequence 0 has {time} steps but sequence {b} has {seq.Count}.", nameof(sequences));
            for (int t = 0; t < time; t++)
            {
                if (seq[t].Length != width)
                    throw new ArgumentException(
                        $"Ragged features: step 0 of sequence 0 has {width} values but step {t} of sequence {b} has {seq[t].Length}.", nameof(sequences));
                seq[t].CopyTo(data, (b * time + t) * width);
            }
        }
        return new Tensor(data, sequences.Count, time, width);
    }

    /// <summary>Packs scalar sequences <paramref name="sequences"/>[b][t] into <c>[batch, time, 1]</c>; all must have the same length.</summary>
    public static Tensor FromScalars(IReadOnlyList<double[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0) throw new ArgumentException("Expected at least one sequence; got none.", nameof(sequences));
        int time = sequences[0].Length;
        if (time == 0) throw new ArgumentException("Expected sequences of at least one step; sequence 0 is empty.", nameof(sequences));
        var data = new double[sequences.Count * time];
        for (int b = 0; b < sequences.Count; b++)
        {
            if (sequences[b].Length != time)
                throw new ArgumentException($"Ragged batch: sequence 0 has {time} steps but sequence {b} has {sequences[b].Length}.", nameof(sequences));
            sequences[b].CopyTo(data, b * time);
        }
        return new Tensor(data, sequences.Count, time, 1);
    }
}
