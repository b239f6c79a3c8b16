using System.Text;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// One run of a cell: where its console text and displays go, the cancellation its library calls observe
/// (<c>RnnNotebooks.AmbientCancellation</c>), and the threads running its code right now. It flows with the
/// execution context, so work the cell starts with <c>Task.Run</c>, new threads or timers belongs to it too,
/// and stopping the cell reaches that work.
/// </summary>
internal sealed class CellContext(ICellOutputSink sink)
{
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();
    private readonly HashSet<Thread> _threads = [];
    private readonly object _threadsGate = new();
    private volatile bool _stopping;
    private bool _finished;
    private bool _holdsGate;

    public ICellOutputSink Sink { get; } = sink;

    /// <summary>Cancelled when the cell is stopped; what the library's long loops observe.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Whether the cell was asked to stop (interrupt or timeout).</summary>
    public bool Stopping => _stopping;

    /// <summary>How many threads are running this cell's code now (its own thread included while it runs).</summary>
    public int LiveThreads
    {
        get { lock (_threadsGate) return _threads.Count; }
    }

    /// <summary>
    /// Asks everything the cell runs to stop: cancels <see cref="Cancellation"/>, trips the interrupt checks of
    /// its code on every thread, and breaks the blocking waits (<c>Thread.Sleep</c>, <c>Task.Wait</c>, locks)
    /// of the threads running its work, except <paramref name="except"/> (the cell's own thread, which the
    /// session interrupts only while user code runs).
    /// </summary>
    public void Stop(Thread? except)
    {
        lock (_threadsGate)
        {
            if (!_stopping)
            {
                _stopping = true;
                HoldGateLocked();
            }
            foreach (var thread in _threads)
                if (thread != except)
                    try { thread.Interrupt(); } catch (ThreadStateException) { }
        }
        try { Cancellation.Cancel(); } catch (AggregateException) { } // a callback that throws must not hide the stop
    }

    /// <summary>The cell's own code has returned; the gate is released once its other threads are gone too.</summary>
    public void Finish()
    {
        lock (_threadsGate)
        {
            _finished = true;
            ReleaseGateIfIdleLocked();
        }
    }

    /// <summary>Completes when no thread runs the cell's code any more, or after <paramref name="limit"/>.</summary>
    public async Task<int> WaitForThreadsAsync(TimeSpan limit, Thread? ignore = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            int live;
            lock (_threadsGate) live = _threads.Count(t => t != ignore);
            if (live == 0 || DateTime.UtcNow >= deadline) return live;
            await Task.Delay(10);
        }
    }

    // While a stopped cell still runs code anywhere, the interrupt checks of every session look closer.
    private void HoldGateLocked()
    {
        if (_holdsGate || _threads.Count == 0 && _finished) return;
        _holdsGate = true;
        InterruptGate.Hold();
    }

    private void ReleaseGateIfIdleLocked()
    {
        if (!_holdsGate || _threads.Count > 0 || !_finished) return;
        _holdsGate = false;
        InterruptGate.Release();
    }

    private void Enter(Thread thread)
    {
        lock (_threadsGate)
        {
            _threads.Add(thread);
            if (_stopping) HoldGateLocked();
        }
    }

    private void Leave(Thread thread)
    {
        lock (_threadsGate)
        {
            _threads.Remove(thread);
            ReleaseGateIfIdleLocked();
        }
        // An interrupt meant for this cell must not reach whatever the thread runs next.
        if (_stopping)
            try { Thread.Sleep(0); } catch (ThreadInterruptedException) { }
    }

    /// <summary>Buffers console text and forwards it a line at a time.</summary>
    public void Write(string stream, string text)
    {
        lock (_gate)
        {
            var buffer = stream == "stderr" ? _stderr : _stdout;
            // Keep stdout and stderr in order: flush the other stream before switching.
            FlushLocked(stream == "stderr" ? "stdout" : "stderr");
            // Only the new text can hold a new line end: looking at it alone keeps long lines linear.
            var newline = text.LastIndexOf('\n');
            if (newline < 0)
            {
                buffer.Append(text);
                return;
            }
            buffer.Append(text, 0, newline + 1);
            var chunk = buffer.ToString();
            buffer.Clear();
            buffer.Append(text, newline + 1, text.Length - newline - 1);
            Sink.Stream(stream, chunk);
        }
    }

    /// <summary>Sends buffered console text now (before a display, and when the cell ends).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            FlushLocked("stdout");
            FlushLocked("stderr");
        }
    }

    private void FlushLocked(string stream)
    {
        var buffer = stream == "stderr" ? _stderr : _stdout;
        if (buffer.Length == 0) return;
        var text = buffer.ToString();
        buffer.Clear();
        Sink.Stream(stream, text);
    }

    private static readonly AsyncLocal<CellContext?> s_current = new(OnCurrentChanged);

    // Runs whenever a thread starts or stops running a cell's code (its execution context changes).
    private static void OnCurrentChanged(AsyncLocalValueChangedArgs<CellContext?> change)
    {
        if (ReferenceEquals(change.PreviousValue, change.CurrentValue)) return;
        try
        {
            change.PreviousValue?.Leave(Thread.CurrentThread);
            change.CurrentValue?.Enter(Thread.CurrentThread);
        }
        catch (Exception)
        {
            // An exception here would end the process; losing track of one thread only weakens a stop.
        }
    }

    /// <summary>The context of the cell running on this logical thread, if any.</summary>
    public static CellContext? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }
}

/// <summary>Console writers that send text to the running cell's sink, or to the real console outside cells.</summary>
internal static class ConsoleRouter
{
    private static int s_installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 1) return;
        Console.SetOut(new RoutingWriter("stdout", Console.Out));
        Console.SetError(new RoutingWriter("stderr", Console.Error));
    }

    private sealed class RoutingWriter(string stream, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            if (CellContext.Current is { } cell) cell.Write(stream, value);
            else lock (fallback) fallback.Write(value);
        }

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush()
        {
            if (CellContext.Current is { } cell) cell.Flush();
            else fallback.Flush();
        }
    }
}
