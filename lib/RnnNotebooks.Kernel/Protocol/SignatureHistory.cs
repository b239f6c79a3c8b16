namespace RnnNotebooks.Kernel.Protocol;

/// <summary>
/// The signatures of the messages already accepted. A correctly signed message seen a second time is a
/// copy (replayed by whoever captured it) and must not run again, as jupyter_client's <c>Session</c>
/// rules with its digest history. The history is bounded; past <see cref="Capacity"/> the oldest
/// signatures are forgotten first. Safe to use from several threads.
/// </summary>
public sealed class SignatureHistory
{
    /// <summary>jupyter_client's <c>Session.digest_history_size</c>.</summary>
    public const int DefaultCapacity = 1 << 16;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly object _gate = new();

    /// <summary>Creates a history that remembers up to <paramref name="capacity"/> signatures.</summary>
    public SignatureHistory(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>How many signatures are remembered at most.</summary>
    public int Capacity { get; }

    /// <summary>
    /// Records <paramref name="signatureHex"/> and returns true, or returns false when it was seen before.
    /// Hex case is ignored, so changing the case of a signature does not make a copy new.
    /// </summary>
    public bool TryRecord(ReadOnlySpan<byte> signatureHex)
    {
        var key = System.Text.Encoding.ASCII.GetString(signatureHex).ToLowerInvariant();
        lock (_gate)
        {
            if (!_seen.Add(key))
                return false;
            _order.Enqueue(key);
            if (_order.Count > Capacity)
                _seen.Remove(_order.Dequeue());
            return true;
        }
    }
}
