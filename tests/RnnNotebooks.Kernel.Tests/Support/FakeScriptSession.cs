using System.Collections.Concurrent;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Kernel.Tests.Support;

/// <summary>
/// A scripted stand-in for the engine, so protocol tests isolate the kernel: each cell is one command
/// (<c>print TEXT</c>, <c>spin</c>, <c>throw MESSAGE</c>, <c>display</c>, <c>big N</c>, <c>set NAME VALUE</c>, <c>get NAME</c>, <c>badbundle</c>).
/// </summary>
internal sealed class FakeScriptSession : IScriptSession
{
    private readonly Dictionary<string, string> _variables = [];
    private volatile bool _interrupted;

    public ConcurrentQueue<string> Executed { get; } = new();

    public int ExecutionCount { get; private set; }

    public Task<CellOutcome> ExecuteAsync(string code, ICellOutputSink sink, CellExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        Executed.Enqueue(code);
        _interrupted = false;
        var count = options?.StoreHistory == false ? ExecutionCount : ++ExecutionCount;
        sink.Started(count);
        var (command, argument) = code.IndexOf(' ') is var space and > 0 ? (code[..space], code[(space + 1)..]) : (code, "");
        switch (command)
        {
            case "print":
                sink.Stream("stdout", argument);
                break;
            case "spin":
                while (!_interrupted)
                    Thread.SpinWait(100);
                var error = new CellError("KeyboardInterrupt", "interrupted", ["KeyboardInterrupt"]);
                sink.Error(error);
                return Task.FromResult(new CellOutcome(CellStatus.Interrupted, count, error));
            case "throw":
                var thrown = new CellError("InvalidOperationException", argument, ["InvalidOperationException: " + argument], 1, 1);
                sink.Error(thrown);
                return Task.FromResult(new CellOutcome(CellStatus.Error, count, thrown));
            case "crash":
                throw new InvalidOperationException("engine bug: " + argument);
            case "display":
                sink.Display(Text("first"), "progress-1");
                sink.UpdateDisplay(Text("second"), "progress-1");
                break;
            case "big":
                var chunk = new string('x', 1000);
                for (var i = 0; i < int.Parse(argument) / 1000; i++)
                    sink.Stream("stdout", chunk);
                break;
            case "badbundle":
                sink.Display(new MimeBundle(new Dictionary<string, object> { ["application/json"] = new Exploding() }), "bad");
                sink.Stream("stdout", "after");
                break;
            case "set":
                var parts = argument.Split(' ');
                _variables[parts[0]] = parts[1];
                break;
            case "get":
                sink.Result(Text(_variables[argument]), count);
                break;
            default:
                sink.Result(Text(code), count);
                break;
        }
        return Task.FromResult(new CellOutcome(CellStatus.Ok, count));
    }

    public void Interrupt() => _interrupted = true;

    public Task<CompletionResult> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default)
    {
        var start = code.LastIndexOf('.', Math.Max(0, cursor - 1)) + 1;
        var prefix = code[start..cursor];
        var matches = _variables.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return Task.FromResult(new CompletionResult(matches, start, cursor));
    }

    public Task<InspectionResult?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default)
        => Task.FromResult<InspectionResult?>(code.Contains("Known") ? new InspectionResult("class Known", "**Known**") : null);

    public CodeCompleteness IsComplete(string code) => code.Count(c => c == '{') > code.Count(c => c == '}') ? CodeCompleteness.Incomplete : CodeCompleteness.Complete;

    public void Dispose()
    {
    }

    private static MimeBundle Text(string text) => new(new Dictionary<string, object> { ["text/plain"] = text });

    /// <summary>A value whose serialization throws, like a broken formatter.</summary>
    private sealed class Exploding
    {
        public string Value => throw new InvalidOperationException("formatter exploded");
    }
}
