using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using RnnNotebooks.Kernel.Protocol;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Kernel.Hosting;

/// <summary>
/// Owns the script session and runs shell requests that need it, in arrival order, on a thread
/// of its own, so the socket thread stays free to answer interrupts and shutdowns at once.
/// </summary>
internal sealed class ExecutionWorker : IDisposable
{
    private readonly BlockingCollection<JupyterMessage> _queue = new();
    private readonly Messenger _messenger;
    private readonly KernelOptions _options;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ExecutionHistory _history = new();
    private IScriptSession? _session;
    private volatile bool _running;
    private int _executionCount;

    public ExecutionWorker(Messenger messenger, KernelOptions options)
    {
        _messenger = messenger;
        _options = options;
        _thread = new Thread(Run) { IsBackground = true, Name = "csharp-rnn execution", };
    }

    /// <summary>Completes once the session exists (or failed to start).</summary>
    public Task SessionReady => _sessionReady.Task;

    private readonly TaskCompletionSource _sessionReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts the thread, which creates the session before taking requests.</summary>
    public void Start() => _thread.Start();

    /// <summary>Queues a shell request.</summary>
    public void Enqueue(JupyterMessage request)
    {
        if (!_queue.IsAddingCompleted)
            _queue.Add(request);
    }

    /// <summary>Stops the running cell, if any. Safe from any thread.</summary>
    public bool Interrupt()
    {
        var session = _session;
        if (!_running || session is null)
            return false;
        try
        {
            session.Interrupt();
        }
        catch (Exception e)
        {
            _options.Log($"interrupt failed: {e}");
        }
        return true;
    }

    /// <summary>Stops taking requests, interrupts the running cell and waits briefly for it to end.</summary>
    public void Stop(TimeSpan wait)
    {
        _queue.CompleteAdding();
        _stopping.Cancel();
        Interrupt();
        if (_thread.IsAlive && !_thread.Join(wait))
            _options.Log("the running cell did not stop in time; leaving it behind");
    }

    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(2));
        try
        {
            if (!_running)
                _session?.Dispose();
        }
        catch (Exception e)
        {
            _options.Log($"disposing the session failed: {e.Message}");
        }
        _stopping.Dispose();
    }

    private void Run()
    {
        EnsureSession();
        _sessionReady.TrySetResult();
        try
        {
            foreach (var request in _queue.GetConsumingEnumerable(_stopping.Token))
                Process(request);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private IScriptSession? EnsureSession()
    {
        if (_session is not null)
            return _session;
        try
        {
            _session = _options.SessionFactory();
        }
        catch (Exception e)
        {
            _options.Log($"could not start the C# session: {e}");
        }
        return _session;
    }

    private void Process(JupyterMessage request)
    {
        _messenger.Status("busy", request.Header);
        var failedExecution = false;
        try
        {
            failedExecution = Handle(request);
        }
        catch (Exception e)
        {
            _options.Log($"{request.MessageType} failed: {e}");
        }
        finally
        {
            _messenger.Status("idle", request.Header);
        }
        if (failedExecution)
            AbortQueuedExecutions();
    }

    /// <summary>Handles one request; returns true when it was an execution that failed with <c>stop_on_error</c>.</summary>
    private bool Handle(JupyterMessage request)
    {
        var content = request.Content;
        switch (request.MessageType)
        {
            case "execute_request":
                return Execute(request);
            case "complete_request" or "inspect_request" or "is_complete_request":
                EditorReplies.Answer(_messenger, request, _session, _options.Log);
                return false;
            case "history_request":
                _messenger.Reply(Channel.Shell, request, "history_reply", _history.Reply(content));
                return false;
            case "comm_info_request":
                _messenger.Reply(Channel.Shell, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                return false;
            case "comm_open":
                // No comm targets exist: close it so the frontend does not wait on it.
                var commId = content["comm_id"]?.GetValue<string>();
                if (commId is not null)
                    _messenger.Publish("comm_close", new JsonObject { ["comm_id"] = commId, ["data"] = new JsonObject() }, request.Header);
                return false;
            case "comm_msg":
            case "comm_close":
                return false;
            default:
                _options.Log($"ignoring unknown shell message type '{request.MessageType}'");
                return false;
        }
    }

    private bool Execute(JupyterMessage request)
    {
        var content = request.Content;
        var code = GetString(content, "code") ?? "";
        var silent = GetBool(content, "silent", false);
        var storeHistory = !silent && GetBool(content, "store_history", true);
        var stopOnError = GetBool(content, "stop_on_error", true);
        if (storeHistory)
            _executionCount++;
        var count = _executionCount;
        if (!silent)
            _messenger.Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count }, request.Header);

        var sink = new JupyterOutputSink(_messenger, request.Header, _options, count, silent)
        {
            Input = GetBool(content, "allow_stdin", false) ? new FrontendInput(_messenger, request) : null,
        };
        CellOutcome outcome;
        var session = EnsureSession();
        if (session is null)
        {
            outcome = new CellOutcome(CellStatus.Error, count,
                new CellError("SessionError", "The C# session could not be started; see the kernel log for the cause.", []));
        }
        else
        {
            try
            {
                _running = true;
                outcome = session.ExecuteAsync(code, sink, new CellExecutionOptions { CellNumber = count }, _stopping.Token)
                    .GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                outcome = new CellOutcome(CellStatus.Error, count,
                    new CellError(e.GetType().Name, e.Message, [$"{e.GetType().FullName}: {e.Message}", .. (e.StackTrace ?? "").Split('\n')]));
            }
            finally
            {
                _running = false;
            }
        }

        var error = outcome.Status == CellStatus.Ok ? null : outcome.Error ?? DefaultError(outcome.Status);
        if (error is not null && !sink.ErrorReported)
            sink.Error(error);
        sink.Complete();
        if (storeHistory)
            _history.Record(count, code, sink.ResultText);

        JsonObject reply;
        if (error is null)
        {
            reply = new JsonObject
            {
                ["status"] = "ok",
                ["execution_count"] = count,
                ["user_expressions"] = new JsonObject(),
                ["payload"] = new JsonArray(),
            };
        }
        else
        {
            reply = JupyterOutputSink.ErrorContent(error);
            reply["status"] = "error";
            reply["execution_count"] = count;
        }
        _messenger.Reply(Channel.Shell, request, "execute_reply", reply,
            new JsonObject { ["status"] = error is null ? "ok" : "error", ["started"] = request.Header["date"]?.DeepClone() });
        return error is not null && stopOnError;
    }

    private static CellError DefaultError(CellStatus status) => status switch
    {
        CellStatus.Interrupted => new CellError("KeyboardInterrupt", "The cell was interrupted.", ["KeyboardInterrupt: the cell was interrupted."]),
        CellStatus.TimedOut => new CellError("TimeoutError", "The cell ran past its time limit.", ["TimeoutError: the cell ran past its time limit."]),
        _ => new CellError("Error", "The cell failed.", ["Error: the cell failed."]),
    };

    /// <summary>After a failed cell, queued executions are answered <c>aborted</c>, as Jupyter kernels do.</summary>
    private void AbortQueuedExecutions()
    {
        var others = new List<JupyterMessage>();
        while (_queue.TryTake(out var queued))
        {
            if (queued.MessageType != "execute_request")
            {
                others.Add(queued);
                continue;
            }
            _messenger.Status("busy", queued.Header);
            _messenger.Reply(Channel.Shell, queued, "execute_reply",
                new JsonObject { ["status"] = "aborted", ["execution_count"] = _executionCount },
                new JsonObject { ["status"] = "aborted" });
            _messenger.Status("idle", queued.Header);
        }
        foreach (var request in others)
            Process(request);
    }

    private static string? GetString(JsonObject content, string name)
        => content[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool GetBool(JsonObject content, string name, bool fallback)
        => content[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;
}
