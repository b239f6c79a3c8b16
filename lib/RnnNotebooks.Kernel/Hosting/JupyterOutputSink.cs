using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Kernel.Hosting;

/// <summary>
/// Publishes one cell's outputs on IOPub. Stream text is batched, display updates for the same id
/// are coalesced, giant outputs are capped with a note, and a failure to publish one output is
/// reported on stderr instead of failing the cell. Safe to call from several threads. <c>Console.ReadLine()</c>
/// in the cell asks the front end through <see cref="Input"/>, or fails with a clear error when it is not set.
/// </summary>
internal sealed class JupyterOutputSink : ICellOutputSink, ICellInput, IDisposable
{
    private const int StreamBatchChars = 64 * 1024;

    private readonly object _gate = new();
    private readonly Messenger _messenger;
    private readonly JsonObject _parent;
    private readonly KernelOptions _options;
    private readonly string _code;
    private readonly bool _silent;
    private readonly Timer _timer;
    private readonly StringBuilder _stream = new();
    private string? _streamName;
    private long _streamChars;
    private long _droppedStreamChars;
    private bool _truncationNoted;
    private readonly Dictionary<string, MimeBundle> _pendingUpdates = [];
    private readonly Dictionary<string, long> _lastUpdate = [];
    private bool _completed;

    public JupyterOutputSink(Messenger messenger, JsonObject parent, KernelOptions options, string code, bool silent)
    {
        _messenger = messenger;
        _parent = parent;
        _options = options;
        _code = code;
        _silent = silent;
        var period = options.StreamFlushInterval < options.DisplayUpdateInterval ? options.StreamFlushInterval : options.DisplayUpdateInterval;
        _timer = new Timer(_ => Flush(), null, period, period);
    }

    /// <summary>How the cell asks its front end for input; null when the request had <c>allow_stdin</c> false.</summary>
    public FrontendInput? Input { get; init; }

    /// <summary>The <c>text/plain</c> of the cell's result, for the history.</summary>
    public string? ResultText { get; private set; }

    /// <summary>True once an <c>error</c> output was published.</summary>
    public bool ErrorReported { get; private set; }

    /// <summary>Publishes <c>execute_input</c> with the count the session gave the cell.</summary>
    public void Started(int executionCount)
    {
        if (!_silent)
            _messenger.Publish("execute_input", new JsonObject { ["code"] = _code, ["execution_count"] = executionCount }, _parent);
    }

    public void Stream(string name, string text)
    {
        if (string.IsNullOrEmpty(text))
            return;
        lock (_gate)
        {
            if (_streamName is not null && _streamName != name)
                FlushStream();
            _streamName = name;
            var room = _options.MaxStreamCharsPerCell - _streamChars;
            if (text.Length > room)
            {
                var kept = (int)Math.Max(0, room);
                _stream.Append(text, 0, kept);
                _streamChars += kept;
                _droppedStreamChars += text.Length - kept;
                if (!_truncationNoted)
                {
                    _truncationNoted = true;
                    FlushStream();
                    PublishStream("stderr", $"\n[output truncated: this cell wrote more than {_options.MaxStreamCharsPerCell:N0} characters; the rest is not shown]\n");
                }
                return;
            }
            _stream.Append(text);
            _streamChars += text.Length;
            if (_stream.Length >= StreamBatchChars)
                FlushStream();
        }
    }

    public void Display(MimeBundle bundle, string displayId)
    {
        lock (_gate)
        {
            FlushAll();
            PublishBundle("display_data", bundle, displayId);
        }
    }

    public void UpdateDisplay(MimeBundle bundle, string displayId)
    {
        lock (_gate)
        {
            FlushStream();
            var now = Stopwatch.GetTimestamp();
            if (!_completed && _lastUpdate.TryGetValue(displayId, out var last)
                && Stopwatch.GetElapsedTime(last, now) < _options.DisplayUpdateInterval)
            {
                _pendingUpdates[displayId] = bundle;
                return;
            }
            _pendingUpdates.Remove(displayId);
            _lastUpdate[displayId] = now;
            PublishBundle("update_display_data", bundle, displayId);
        }
    }

    public void Result(MimeBundle bundle, int executionCount)
    {
        lock (_gate)
        {
            ResultText = bundle.Data.TryGetValue("text/plain", out var text) ? text as string : null;
            FlushAll();
            if (!_silent)
                PublishBundle("execute_result", bundle, null, executionCount);
        }
    }

    public void Error(CellError error)
    {
        lock (_gate)
        {
            FlushAll();
            ErrorReported = true;
            _messenger.Publish("error", ErrorContent(error), _parent);
        }
    }

    public string ReadLine(string prompt, bool password)
    {
        if (Input is null)
            throw new InvalidOperationException(FrontendInput.NotAllowedMessage);
        // The cell's output so far must reach the front end before the input box does.
        lock (_gate)
            FlushAll();
        return Input.ReadLine(prompt, password);
    }

    /// <summary>The <c>ename</c>/<c>evalue</c>/<c>traceback</c> triple shared by <c>error</c> and <c>execute_reply</c>.</summary>
    public static JsonObject ErrorContent(CellError error)
    {
        var traceback = new JsonArray();
        foreach (var line in error.Traceback)
            traceback.Add(line);
        if (traceback.Count == 0)
            traceback.Add($"{error.Name}: {error.Message}");
        return new JsonObject
        {
            ["ename"] = error.Name,
            ["evalue"] = error.Message,
            ["traceback"] = traceback,
        };
    }

    /// <summary>Sends everything still buffered; later outputs are sent at once.</summary>
    public void Complete()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _completed = true;
            FlushAll();
            if (_droppedStreamChars > 0)
                PublishStream("stderr", $"[{_droppedStreamChars:N0} characters of output were dropped]\n");
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Flush()
    {
        lock (_gate)
        {
            FlushStream();
            FlushUpdates(onlyDue: true);
        }
    }

    private void FlushAll()
    {
        FlushStream();
        FlushUpdates(onlyDue: false);
    }

    private void FlushStream()
    {
        if (_stream.Length == 0 || _streamName is null)
            return;
        var text = _stream.ToString();
        _stream.Clear();
        PublishStream(_streamName, text);
    }

    private void FlushUpdates(bool onlyDue)
    {
        if (_pendingUpdates.Count == 0)
            return;
        var now = Stopwatch.GetTimestamp();
        foreach (var (id, bundle) in _pendingUpdates.ToArray())
        {
            if (onlyDue && _lastUpdate.TryGetValue(id, out var last) && Stopwatch.GetElapsedTime(last, now) < _options.DisplayUpdateInterval)
                continue;
            _pendingUpdates.Remove(id);
            _lastUpdate[id] = now;
            PublishBundle("update_display_data", bundle, id);
        }
    }

    private void PublishStream(string name, string text)
        => _messenger.Publish("stream", new JsonObject { ["name"] = name, ["text"] = text }, _parent);

    private void PublishBundle(string messageType, MimeBundle bundle, string? displayId, int? executionCount = null)
    {
        JsonObject content;
        try
        {
            var (data, metadata) = MimeBundleJson.Convert(bundle, _options.MaxDisplayChars);
            content = new JsonObject { ["data"] = data, ["metadata"] = metadata };
        }
        catch (Exception e)
        {
            PublishStream("stderr", $"[could not send a {messageType} output: {e.GetType().Name}: {e.Message}]\n");
            return;
        }
        if (executionCount is { } count)
            content["execution_count"] = count;
        content["transient"] = string.IsNullOrEmpty(displayId) ? new JsonObject() : new JsonObject { ["display_id"] = displayId };
        _messenger.Publish(messageType, content, _parent);
    }
}
