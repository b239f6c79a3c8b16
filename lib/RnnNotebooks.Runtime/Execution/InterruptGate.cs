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

    private static int[] s_lines = new int[16];

    internal static int Register()
    {
        var id = Interlocked.Increment(ref s_nextId);
        lock (s_requested)
            if (id >= s_lines.Length)
            {
                var grown = new int[Math.Max(id + 1, s_lines.Length * 2)];
                Array.Copy(s_lines, grown, s_lines.Length);
                s_lines = grown;
            }
        return id;
    }

    /// <summary>Records that the top-level code of session <paramref name="sessionId"/>'s cell reached <paramref name="line"/>.</summary>
    public static void Reached(int sessionId, int line)
    {
        var lines = s_lines;
        if ((uint)sessionId < (uint)lines.Length) lines[sessionId] = line;
    }

    /// <summary>The last line <see cref="Reached"/> recorded for the session's running cell; 0 when none.</summary>
    internal static int LastLine(int sessionId)
    {
        var lines = s_lines;
        return (uint)sessionId < (uint)lines.Length ? Volatile.Read(ref lines[sessionId]) : 0;
    }

    internal static void ResetLine(int sessionId) => Reached(sessionId, 0);

    internal static void Request(int sessionId)
    {
        if (s_requested.TryAdd(sessionId, true)) Interlocked.Increment(ref s_pending);
    }

    internal static void Clear(int sessionId)
    {
        if (s_requested.TryRemove(sessionId, out _)) Interlocked.Decrement(ref s_pending);
    }

    /// <summary>A stopped cell still runs code somewhere (see <see cref="CellContext.Stop"/>).</summary>
    internal static void Hold() => Interlocked.Increment(ref s_pending);

    internal static void Release() => Interlocked.Decrement(ref s_pending);

    /// <summary>
    /// Throws <see cref="ScriptInterruptedException"/> when session <paramref name="sessionId"/> is being interrupted,
    /// or when the code calling it belongs to a cell that was stopped (work it started on other threads).
    /// </summary>
    public static void Check(int sessionId)
    {
        if (s_pending != 0 && (s_requested.ContainsKey(sessionId) || CellContext.Current is { Stopping: true }))
            throw new ScriptInterruptedException();
    }

    /// <summary>Expression form of <see cref="Check"/> for expression-bodied members: always false, or throws.</summary>
    public static bool Tripped(int sessionId)
    {
        Check(sessionId);
        return false;
    }
}
