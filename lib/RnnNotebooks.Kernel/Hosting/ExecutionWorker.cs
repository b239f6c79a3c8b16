using System.Text.Json.Nodes;
using System.Threading.Channels;
using RnnNotebooks.Kernel.Protocol;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Kernel.Hosting;

/// <summary>
/// Owns the script session and runs shell requests that need it, in arrival order, off the socket thread,
/// so that thread stays free to answer interrupts and shutdowns at once. Requests are awaited, not waited
/// for: while a cell runs, the only thread busy with it is the session's cell thread.
/// </summary>
internal sealed class ExecutionWorker : IDisposable
{
    private readonly Channel<JupyterMessage> _queue = System.Threading.Channels.Channel.CreateUnbounded<JupyterMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Messenger _messenger;
    private readonly KernelOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private readonly ExecutionHistory _history = new();
    private IScriptSession? _session;
    private volatile bool _running;

    public ExecutionWorker(Messenger messenger, KernelOptions options)
    {
        _messenger = messenger;
        _options = options;
    }

    /// <summary>Completes once the session exists (or failed to start).</summary>
    public Task SessionReady => _sessionReady.Task;

    private readonly TaskCompletionSource _sessionReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts taking requests; the session is created first.</summary>
    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Queues a shell request.</summary>
    public void Enqueue(JupyterMessage request) => _queue.Writer.TryWrite(request);

    /// <summary>Stops the running cell and the work it started, if any. Safe from any thread.</summary>
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
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        Interrupt();
        if (!_loop.Wait(wait))
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

    private async Task RunAsync()
    {
        EnsureSession();
        _sessionReady.TrySetResult();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
                while (_queue.Reader.TryRead(out var request))
                    await ProcessAsync(request);
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

    private async Task ProcessAsync(JupyterMessage request)
    {
        _messenger.Status("busy", request.Header);
        var queuedBehindFailure = new List<JupyterMessage>();
        try
        {
            // Requests queued behind a failed cell are taken before its idle: a request the frontend sends
            // once it saw idle is not one of them, and must run.
            if (await HandleAsync(request))
                while (_queue.Reader.TryRead(out var queued))
                    queuedBehindFailure.Add(queued);
        }
        catch (Exception e)
        {
            _options.Log($"{request.MessageType} failed: {e}");
        }
        finally
        {
            _messenger.Status("idle", request.Header);
        }
        if (queuedBehindFailure.Count > 0)
            await AbortQueuedExecutionsAsync(queuedBehindFailure);
    }

    /// <summary>Handles one request; returns true when it was an execution that failed with <c>stop_on_error</c>.</summary>
    private async Task<bool> HandleAsync(JupyterMessage request)
    {
        var content = request.Content;
        switch (request.MessageType)
        {
            case "execute_request":
                return await ExecuteAsync(request);
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

    private async Task<bool> ExecuteAsync(JupyterMessage request)
    {
        var content = request.Content;
        var code = GetString(content, "code") ?? "";
        var silent = GetBool(content, "silent", false);
        var storeHistory = !silent && GetBool(content, "store_history", true);
        var stopOnError = GetBool(content, "stop_on_error", true);

        // The session numbers the cell; the sink publishes execute_input with that number before any output.
        var sink = new JupyterOutputSink(_messenger, request.Header, _options, code, silent)
        {
            Input = GetBool(content, "allow_stdin", false) ? new FrontendInput(_messenger, request) : null,
        };
        CellOutcome outcome;
        var session = EnsureSession();
        if (session is null)
        {
            sink.Started(0);
            outcome = new CellOutcome(CellStatus.Error, 0,
                new CellError("SessionError", "The C# session could not be started; see the kernel log for the cause.", []));
        }
        else
        {
            try
            {
                _running = true;
                outcome = await session.ExecuteAsync(code, sink, new CellExecutionOptions { StoreHistory = storeHistory }, _stopping.Token);
            }
            catch (Exception e)
            {
                outcome = new CellOutcome(CellStatus.Error, session.ExecutionCount,
                    new CellError(e.GetType().Name, e.Message, [$"{e.GetType().FullName}: {e.Message}", .. (e.StackTrace ?? "").Split('\n')]));
            }
            finally
            {
                _running = false;
            }
        }
        var count = outcome.ExecutionCount;

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
    private async Task AbortQueuedExecutionsAsync(List<JupyterMessage> queuedBehindFailure)
    {
        var others = new List<JupyterMessage>();
        foreach (var queued in queuedBehindFailure)
        {
            if (queued.MessageType != "execute_request")
            {
                others.Add(queued);
                continue;
            }
            _messenger.Status("busy", queued.Header);
            _messenger.Reply(Channel.Shell, queued, "execute_reply",
                new JsonObject { ["status"] = "aborted", ["execution_count"] = _session?.ExecutionCount ?? 0 },
                new JsonObject { ["status"] = "aborted" });
            _messenger.Status("idle", queued.Header);
        }
        foreach (var request in others)
            await ProcessAsync(request);
    }

    private static string? GetString(JsonObject content, string name)
        => content[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool GetBool(JsonObject content, string name, bool fallback)
        => content[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;
}
