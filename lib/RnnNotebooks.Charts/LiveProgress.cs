namespace RnnNotebooks.Charts;

/// <summary>
/// A status shown in one notebook output and replaced as work goes on, at most once per interval, so a fast
/// loop does not flood the front end. It takes the output's update function (in a notebook,
/// <c>display(…).Update</c>), so it works under any notebook runtime.
/// </summary>
public sealed class LiveProgress
{
    private readonly Action<object> _update;
    private readonly TimeProvider _time;
    private readonly long _interval;
    private readonly object _gate = new();
    private long? _lastShown;
    private object? _pending;

    /// <summary>Shows statuses through <paramref name="update"/>, at most one per <paramref name="interval"/> (half a second when null).</summary>
    /// <param name="update">Replaces the displayed output, e.g. <c>display("starting").Update</c>.</param>
    /// <param name="interval">Least time between two updates.</param>
    /// <param name="time">The clock (the system's when null).</param>
    /// <exception cref="ArgumentOutOfRangeException">The interval is negative.</exception>
    public LiveProgress(Action<object> update, TimeSpan? interval = null, TimeProvider? time = null)
    {
        _update = update ?? throw new ArgumentNullException(nameof(update));
        _time = time ?? TimeProvider.System;
        var span = interval ?? TimeSpan.FromSeconds(0.5);
        if (span < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), span, "Expected a non-negative interval.");
        _interval = (long)(span.TotalSeconds * _time.TimestampFrequency);
    }

    /// <summary>How many statuses have been shown so far.</summary>
    public int Shown { get; private set; }

    /// <summary>
    /// Shows <paramref name="status"/> now if the interval has passed since the last one shown, else keeps it
    /// to show later (a newer status replaces it). Safe to call from any thread.
    /// </summary>
    public void Report(object status)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            if (_lastShown is long last && now - last < _interval)
            {
                _pending = status;
                return;
            }
            Show(status, now);
        }
    }

    /// <summary>Shows the status kept back by the interval, if any: call it once the work is done.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_pending is { } status) Show(status, _time.GetTimestamp());
        }
    }

    private void Show(object status, long now)
    {
        _pending = null;
        _lastShown = now;
        Shown++;
        _update(status);
    }
}
