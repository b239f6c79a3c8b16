using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace RnnNotebooks.Numerics;

/// <summary>
/// One long-lived background thread that runs the second of two independent parts while the caller runs the first.
/// </summary>
/// <remarks>
/// <para>A training loop hands work over thousands of times a second, each part lasting tens of microseconds.
/// <c>Parallel.For</c> wakes a pool thread each time; this thread instead spins briefly for the next part and only
/// blocks after a quiet spell, so back-to-back handoffs cost well under a microsecond.</para>
/// <para>The second part goes to whichever thread claims it first: the caller takes it itself when it finishes its
/// own part before the partner has started (asleep, descheduled, or busy with another model). The parts are
/// independent, so the results never depend on who ran them.</para>
/// </remarks>
internal static class PartnerThread
{
    /// <summary>How long the partner spins for the next part before it blocks.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 2000;

    private static readonly object Gate = new();
    private static Thread? _thread;
    private static Action<int>? _work;
    private static ExceptionDispatchInfo? _failure;
    private static long _posted, _claimed, _completed;
    private static int _busy;

    /// <summary>Runs <c>body(0)</c> on the calling thread and <c>body(1)</c> on the partner, and returns when both are done.</summary>
    public static void RunPair(Action<int> body)
    {
        if (Environment.ProcessorCount == 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            body(0);
            body(1);
            return;
        }
        long ticket = Post(body);
        bool both = false;
        try
        {
            body(0);
            both = TryClaim(ticket);
            if (both) body(1);
        }
        finally
        {
            // Even when part 0 failed, a part the partner has started must end before its buffers are reused.
            if (!both && !TryClaim(ticket)) AwaitPartner(ticket);
            _work = null;
            var failure = Interlocked.Exchange(ref _failure, null);
            Volatile.Write(ref _busy, 0);
            failure?.Throw();
        }
    }

    /// <summary>Claims part 1 of <paramref name="ticket"/>; exactly one thread succeeds, and stale tickets never do.</summary>
    private static bool TryClaim(long ticket) => Interlocked.CompareExchange(ref _claimed, ticket, ticket - 1) == ticket - 1;

    private static long Post(Action<int> body)
    {
        EnsureStarted();
        _work = body;
        lock (Gate)
        {
            long ticket = Interlocked.Increment(ref _posted);
            Monitor.Pulse(Gate);
            return ticket;
        }
    }

    private static void AwaitPartner(long ticket)
    {
        var spinner = new SpinWait();
        while (Volatile.Read(ref _completed) < ticket) spinner.SpinOnce(sleep1Threshold: -1);
    }

    private static void EnsureStarted()
    {
        if (_thread is not null) return;
        _thread = new Thread(Serve) { IsBackground = true, Name = "RnnNotebooks partner" };
        _thread.Start();
    }

    private static void Serve()
    {
        long seen = 0;
        while (true)
        {
            seen = AwaitWork(seen);
            if (TryClaim(seen))
            {
                try { _work!(1); }
                catch (Exception e) { _failure = ExceptionDispatchInfo.Capture(e); }
                Volatile.Write(ref _completed, seen);
            }
        }
    }

    /// <summary>
    /// Spins for a ticket past <paramref name="seen"/>, then blocks until one is posted; returns the newest.
    /// </summary>
    private static long AwaitWork(long seen)
    {
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        var spinner = new SpinWait();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            long posted = Volatile.Read(ref _posted);
            if (posted != seen) return posted;
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        lock (Gate)
        {
            while (Volatile.Read(ref _posted) == seen) Monitor.Wait(Gate);
            return _posted;
        }
    }
}
