using System.Collections.Concurrent;
using System.ComponentModel;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// The check that rewritten cell code calls at the top of every loop body and method body, so that an
/// interrupt or timeout stops even <c>while (true) {}</c>. One volatile read on the fast path.
/// Public only because compiled cells call it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class InterruptGate
{
    private static volatile int s_pending;
    private static readonly ConcurrentDictionary<int, bool> s_requested = new();
    private static int s_nextId;

    internal static int Register() => Interlocked.Increment(ref s_nextId);

    internal static void Request(int sessionId)
    {
        if (s_requested.TryAdd(sessionId, true)) Interlocked.Increment(ref s_pending);
    }

    internal static void Clear(int sessionId)
    {
        if (s_requested.TryRemove(sessionId, out _)) Interlocked.Decrement(ref s_pending);
    }

    /// <summary>Throws <see cref="ScriptInterruptedException"/> when session <paramref name="sessionId"/> is being interrupted.</summary>
    public static void Check(int sessionId)
    {
        if (s_pending != 0 && s_requested.ContainsKey(sessionId)) throw new ScriptInterruptedException();
    }

    /// <summary>Expression form of <see cref="Check"/> for expression-bodied members: always false, or throws.</summary>
    public static bool Tripped(int sessionId)
    {
        Check(sessionId);
        return false;
    }
}

/// <summary>Thrown inside a cell to unwind it when it is interrupted or times out.</summary>
public sealed class ScriptInterruptedException() : Exception("The cell was interrupted.");
