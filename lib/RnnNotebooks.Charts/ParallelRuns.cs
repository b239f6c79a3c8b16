using System.Collections.Concurrent;

namespace RnnNotebooks.Charts;

/// <summary>
/// Independent training runs side by side, with one live table of their progress: the plumbing a notebook
/// would otherwise repeat (tasks, a status per run, waiting while the table refreshes).
/// </summary>
public static class ParallelRuns
{
    /// <summary>
    /// Runs <paramref name="run"/> once per key on worker threads, at most <paramref name="maxParallel"/> at a
    /// time, and returns the results in the order of <paramref name="keys"/>. Each run reports its status
    /// through the <c>Action&lt;string&gt;</c> it is given; a table of every run's latest status is shown once through
    /// <paramref name="show"/> and then replaced through the update function it returns, from the calling thread,
    /// at most once per <paramref name="interval"/> and once more at the end.
    /// </summary>
    /// <param name="keys">What distinguishes the runs (a seed, a bit order, a cell).</param>
    /// <param name="run">One run: its key and a status callback, returning its result.</param>
    /// <param name="show">
    /// Shows the first table and returns the function that replaces it: in a notebook, <c>table => display(table).Update</c>.
    /// (Showing the table itself first matters under .NET Interactive, where an update keeps the first value's MIME types.)
    /// </param>
    /// <param name="keyHeader">Header of the key column.</param>
    /// <param name="label">How a key is written in the table (its <c>ToString()</c> when null).</param>
    /// <param name="maxParallel">Runs at a time (the processor count when null).</param>
    /// <param name="interval">Least time between table updates (half a second when null).</param>
    /// <exception cref="ArgumentException">No keys.</exception>
    /// <exception cref="Exception">The first run that failed, rethrown as it was thrown, after every run has ended.</exception>
    public static IReadOnlyList<TResult> Run<TKey, TResult>(IReadOnlyList<TKey> keys, Func<TKey, Action<string>, TResult> run,
        Func<object, Action<object>> show, string keyHeader = "run", Func<TKey, string>? label = null, int? maxParallel = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(show);
        if (keys.Count == 0) throw new ArgumentException("Expected at least one run; got none.", nameof(keys));
        int parallel = maxParallel ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parallel, nameof(maxParallel));
        label ??= k => k?.ToString() ?? "";
        var wait = interval ?? TimeSpan.FromSeconds(0.5);

        var status = new ConcurrentDictionary<int, string>();
        ResultTable Table()
        {
            var table = new ResultTable(keyHeader, "progress");
            for (int i = 0; i < keys.Count; i++) table.AddRow(label(keys[i]), status.GetValueOrDefault(i, "waiting"));
            return table;
        }

        using var slots = new SemaphoreSlim(parallel);
        var tasks = new Task<TResult>[keys.Count];
        for (int i = 0; i < keys.Count; i++)
        {
            int index = i;
            tasks[i] = Task.Run(() =>
            {
                slots.Wait();
                try
                {
                    status[index] = "started";
                    var result = run(keys[index], s => status[index] = s);
                    return result;
                }
                catch (Exception e)
                {
                    status[index] = "failed: " + e.Message;
                    throw;
                }
                finally
                {
                    slots.Release();
                }
            });
        }

        var update = show(Table()) ?? throw new InvalidOperationException("show returned no update function.");
        var all = Task.WhenAll(tasks);
        while (!((IAsyncResult)all).AsyncWaitHandle.WaitOne(wait)) update(Table());
        update(Table());
        var failed = tasks.FirstOrDefault(t => t.IsFaulted);
        if (failed is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failed.Exception!.InnerException!).Throw();
        return tasks.Select(t => t.Result).ToArray();
    }
}
