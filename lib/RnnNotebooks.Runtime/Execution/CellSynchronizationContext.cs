using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// Brings a cell's <c>await</c> continuations back to the cell's own thread while that thread waits for the cell
/// to finish, so an async cell runs where an interrupt can reach it and ends when its code ends. A continuation
/// posted while the thread is busy (running code, or blocked in <c>task.Result</c>, which would otherwise
/// deadlock) runs on the thread pool, as it would with no context. Once the cell is over, late continuations run
/// on the thread pool, or are dropped when the cell was stopped (its code must not go on).
/// </summary>
internal sealed class CellSynchronizationContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Thread _thread = Thread.CurrentThread;
    private readonly Func<bool> _stopped;
    private readonly object _gate = new();
    private bool _waiting;
    private volatile bool _closed;
    private ExceptionDispatchInfo? _unobserved;

    /// <summary>Creates the context for the current thread; <paramref name="stopped"/> tells whether the cell was stopped.</summary>
    public CellSynchronizationContext(Func<bool> stopped) => _stopped = stopped;

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
            if (_waiting && !_closed)
            {
                _queue.Add((d, state));
                return;
            }
        if (!_stopped()) ThreadPool.UnsafeQueueUserWorkItem(s => d(s), state, preferLocal: false);
    }

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state)
    {
        if (Thread.CurrentThread == _thread)
        {
            d(state);
            return;
        }
        using var done = new ManualResetEventSlim();
        ExceptionDispatchInfo? failure = null;
        Post(s =>
        {
            try { d(s); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
            finally { done.Set(); }
        }, state);
        done.Wait();
        failure?.Throw();
    }

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>
    /// Runs posted continuations on this thread until <paramref name="task"/> completes. An exception escaping a
    /// continuation (an <c>async void</c> method that threw) is kept and rethrown once the task is done.
    /// A <see cref="ThreadInterruptedException"/> while waiting is the cell being stopped and propagates at once.
    /// </summary>
    public void RunUntilComplete(Task task)
    {
        task.ContinueWith(_ => Wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (!task.IsCompleted)
        {
            lock (_gate) _waiting = true;
            (SendOrPostCallback Callback, object? State) item;
            try { item = _queue.Take(); }
            finally { lock (_gate) _waiting = false; }
            var (callback, state) = item;
            try { callback(state); }
            catch (ThreadInterruptedException) { throw; }
            catch (Exception e) { _unobserved ??= ExceptionDispatchInfo.Capture(e); }
        }
        _unobserved?.Throw();
    }

    private void Wake()
    {
        lock (_gate)
            if (!_closed) _queue.Add((static _ => { }, null));
    }

    /// <summary>Stops taking continuations on the cell's thread; those already queued go to the pool, or nowhere when stopped.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _queue.CompleteAdding();
        }
        foreach (var (callback, state) in _queue.GetConsumingEnumerable())
            if (!_stopped()) ThreadPool.UnsafeQueueUserWorkItem(s => callback(s), state, preferLocal: false);
    }
}
