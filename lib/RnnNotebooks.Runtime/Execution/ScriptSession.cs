using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Formatting;
using RnnNotebooks.Runtime.Formatting;

using RnnNotebooks.Runtime.Packages;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// A C# script session on Roslyn scripting: the first cell starts it, later cells continue it and see its
/// variables. Cells run on a dedicated thread of their own, and their <c>await</c>s come back to it. Directives
/// are handled before the compiler sees a cell. <see cref="Interrupt"/> and timeouts stop a cell and the work it
/// started on other threads: loops and method bodies of cell code are instrumented with checks, blocking waits
/// are broken with <see cref="Thread.Interrupt"/>, and library loops observe <c>RnnNotebooks.AmbientCancellation</c>.
/// A cell that still does not stop is reported as running on, never as stopped.
/// </summary>
public sealed partial class ScriptSession : IScriptSession
{
    private readonly int _id = InterruptGate.Register();
    private readonly ScriptSessionOptions _options;
    private readonly IPackageResolver _packages;
    private readonly ProjectReferenceResolver _projects;
    private readonly ScriptGlobals _globals = new();
    private readonly HashSet<string> _referencedFiles = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private ScriptOptions _scriptOptions;
    private Script<object>? _lastScript;
    private ScriptState<object>? _state;
    private volatile RunningCell? _cell;
    private int _stopCode; // 0: running; otherwise 1 + the CellStatus that stopped it

    private CellStatus? _stopReason
    {
        get => Volatile.Read(ref _stopCode) is var c && c == 0 ? null : (CellStatus)(c - 1);
        set => Volatile.Write(ref _stopCode, value is { } v ? (int)v + 1 : 0);
    }
    private int _executionCount;
    private bool _running;
    private bool _disposed;

    // Library loops that observe RnnNotebooks.AmbientCancellation see the running cell's token, on any thread it started.
    static ScriptSession() =>
        AppContext.SetData("RnnNotebooks.AmbientCancellation",
            (Func<CancellationToken>)(() => CellContext.Current?.Cancellation.Token ?? CancellationToken.None));

    /// <summary>Creates a session; nothing is compiled until the first cell runs.</summary>
    public ScriptSession(ScriptSessionOptions? options = null)
    {
        _options = options ?? new ScriptSessionOptions();
        _packages = _options.PackageResolver ?? new OfflinePackageResolver();
        _projects = new ProjectReferenceResolver(_options.WorkingDirectory) { Log = _options.Log };
        ConsoleRouter.Install();
        ConsoleInput.Install();
        _scriptOptions = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithAllowUnsafe(true)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithImports(_options.Imports)
            .WithSourceResolver(new CellSourceResolver(_options.WorkingDirectory))
            .WithReferences(BaseReferences());
    }

    /// <inheritdoc />
    public int ExecutionCount => Volatile.Read(ref _executionCount);

    /// <summary>The paths of every assembly referenced so far by directives.</summary>
    public IReadOnlyCollection<string> ReferencedFiles => _referencedFiles;

    private static IEnumerable<Assembly> BaseReferences()
    {
        string[] names =
        [
            "System.Runtime", "System.Private.CoreLib", "netstandard", "System.Collections", "System.Collections.Concurrent",
            "System.Console", "System.Linq", "System.Linq.Expressions", "System.Text.RegularExpressions", "System.Text.Json",
            "System.Runtime.Numerics", "System.Numerics.Vectors", "System.Memory", "System.Threading", "System.Threading.Tasks",
            "System.Net.Http", "System.ObjectModel", "System.ComponentModel.Primitives", "System.Diagnostics.Process",
            "System.Runtime.InteropServices", "System.Private.Uri", "Microsoft.CSharp", "System.Globalization", "System.IO",
            "System.Runtime.Extensions", "System.Threading.Thread", "System.Diagnostics.Tools", "System.Web.HttpUtility",
        ];
        foreach (var name in names)
        {
            Assembly? assembly = null;
            try { assembly = Assembly.Load(name); }
            catch (IOException) { }
            if (assembly is not null) yield return assembly;
        }
        yield return typeof(ScriptGlobals).Assembly;
        yield return typeof(Formatter).Assembly;
    }

    /// <inheritdoc />
    public async Task<CellOutcome> ExecuteAsync(string code, ICellOutputSink sink, CellExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            // The session's counter is the only one: Jupyter's execution_count, the notebook's, the kernel's.
            var count = options?.StoreHistory == false ? ExecutionCount : Interlocked.Increment(ref _executionCount);
            sink.Started(count);
            var cellNumber = options?.CellNumber ?? count;
            var timeout = options?.Timeout ?? _options.DefaultTimeout;
            using var registration = cancellationToken.Register(Interrupt);
            return await RunCellAsync(code, sink, count, cellNumber, timeout);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<CellOutcome> RunCellAsync(string code, ICellOutputSink sink, int count, int cellNumber, TimeSpan? timeout)
    {
        var parsed = DirectiveParser.Parse(code);
        if (parsed.Errors.Count > 0)
        {
            var first = parsed.Errors[0];
            return Fail(sink, count, new CellError("DirectiveError",
                string.Join("\n", parsed.Errors.Select(e => $"cell {cellNumber}, line {e.Line}: {e.Message}")),
                parsed.Errors.Select(e => $"cell {cellNumber}, line {e.Line}: {e.Message}").ToList(), first.Line, 1));
        }
        foreach (var directive in parsed.Directives.Where(d => d.Kind != DirectiveKind.Load))
        {
            try
            {
                var files = directive.Kind switch
                {
                    DirectiveKind.NuGet => await _packages.ResolveAsync(directive.Name, directive.Version),
                    DirectiveKind.Project => await _projects.ResolveAsync(directive.Name),
                    _ => [ResolveAssemblyPath(directive.Name)],
                };
                AddReferences(files);
            }
            catch (Exception e) when (e is PackageResolutionException or ProjectBuildException or FileNotFoundException)
            {
                var name = e is PackageResolutionException ? "PackageResolutionError" : "ReferenceError";
                return Fail(sink, count, new CellError(name, e.Message,
                    [$"cell {cellNumber}, line {directive.Line}: {name}: {e.Message}"], directive.Line, 1));
            }
        }

        var context = new CellContext(sink);
        var completion = new TaskCompletionSource<CellOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { completion.TrySetResult(RunOnCellThread(parsed.Code, context, count, cellNumber, running)); }
            catch (Exception e)
            {
                // Never let a cell take the process down: anything escaping is this cell's error.
                var reason = _stopReason;
                completion.TrySetResult(reason is { } r && e is ThreadInterruptedException
                    ? Fail(sink, count, StopError(r, cellNumber, timeout, null), r)
                    : Fail(sink, count, RuntimeError(e, cellNumber, null)));
            }
            finally
            {
                running.TrySetResult();
                context.Finish();
            }
        }, 256 * 1024 * 1024)
        {
            IsBackground = true,
            Name = $"cell {cellNumber}",
        };
        _stopReason = null;
        InterruptGate.ResetLine(_id);
        _cell = new RunningCell(thread, context, stopRequested);
        thread.Start();

        Timer? timer = null;
        if (timeout is { } limit)
        {
            // The limit covers running the cell, not compiling it.
            await running.Task;
            timer = new Timer(_ => Stop(CellStatus.TimedOut), null, limit, Timeout.InfiniteTimeSpan);
        }
        try
        {
            if (await Task.WhenAny(completion.Task, stopRequested.Task) != completion.Task
                && await Task.WhenAny(completion.Task, Task.Delay(_options.InterruptGracePeriod)) != completion.Task)
            {
                // The cell ignores the stop: it is inside code with no interrupt check (native code, or a library
                // loop that observes no cancellation). Say so plainly, and let the session go on without it.
                _cell = null;
                InterruptGate.Clear(_id);
                context.Flush();
                var reason = _stopReason ?? CellStatus.Interrupted;
                var line = InterruptGate.LastLine(_id) is > 0 and var reached ? reached : (int?)null;
                var error = StopError(reason, cellNumber, timeout, line,
                    $"; the cell did not stop within {_options.InterruptGracePeriod.TotalSeconds:0.###} s (it is inside code that " +
                    "checks for no interruption, such as native code or a library loop) and is still running in the background, " +
                    "where it may still change variables and files; restart the session to end it");
                _ = completion.Task.ContinueWith(_ => _options.Log?.Invoke($"cell {cellNumber}, which did not stop when asked, has now ended"),
                    TaskScheduler.Default);
                return Fail(sink, count, error, reason);
            }
        }
        finally
        {
            if (timer is not null) await timer.DisposeAsync();
        }
        var outcome = await completion.Task;
        _cell = null;
        InterruptGate.Clear(_id);
        if (context.Stopping)
        {
            // Work the cell started (Task.Run, threads) was asked to stop with it: give it the grace period to unwind.
            var left = await context.WaitForThreadsAsync(_options.InterruptGracePeriod);
            if (left > 0 && outcome.Error is { } stopped)
            {
                var note = $"; work it started on {left} other thread{(left == 1 ? "" : "s")} did not stop and is still running";
                outcome = outcome with { Error = stopped with { Message = stopped.Message + note, Traceback = [.. stopped.Traceback, note.TrimStart(';', ' ')] } };
            }
        }
        return outcome;
    }

    private CellOutcome RunOnCellThread(string code, CellContext context, int count, int cellNumber, TaskCompletionSource running)
    {
        var filePath = $"cell {cellNumber}";
        var previousContext = SynchronizationContext.Current;
        CellSynchronizationContext? cellContext = null;
        try
        {
            var tree = CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest));
            var (rewritten, map) = InterruptInjector.Rewrite(tree, _id);
            var options = _scriptOptions.WithFilePath(filePath);
            var script = _lastScript is null
                ? CSharpScript.Create<object>(rewritten, options, typeof(ScriptGlobals))
                : _lastScript.ContinueWith<object>(rewritten, options);
            var diagnostics = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (diagnostics.Count > 0)
                return Fail(context.Sink, count, CompileError(diagnostics, map, tree, cellNumber));
            if (ExpressionLambdaGuard.Rewrite(script.GetCompilation(), _id, map) is { } guarded)
            {
                var second = _lastScript is null
                    ? CSharpScript.Create<object>(guarded.Code, options, typeof(ScriptGlobals))
                    : _lastScript.ContinueWith<object>(guarded.Code, options);
                // A guard the compiler rejects (an inference it broke) only costs that cell its lambda checks.
                if (!second.Compile().Any(d => d.Severity == DiagnosticSeverity.Error)) script = second;
                else _options.Log?.Invoke($"cell {cellNumber}: its expression lambdas run without interrupt checks");
            }
            script.CreateDelegate(); // emits now, so an interrupt cannot land inside the compiler

            if (_stopReason is { } early)
                return Fail(context.Sink, count, StopError(early, cellNumber, null, null), early);
            CellContext.Current = context;
            cellContext = new CellSynchronizationContext(() => context.Stopping);
            SynchronizationContext.SetSynchronizationContext(cellContext);
            if (IsCurrent()) Volatile.Write(ref _running, true);
            running.TrySetResult();
            if (_stopReason is not null) Stop(_stopReason.Value); // raced with a stop request made while compiling

            ScriptState<object> state;
            try
            {
                var run = _state is null ? script.RunAsync(_globals, _ => true) : script.RunFromAsync(_state, _ => true);
                cellContext.RunUntilComplete(run);
                state = run.GetAwaiter().GetResult();
            }
            catch (Exception e) when (_stopReason is { } reason && IsStop(e))
            {
                // Stopped while waiting (for an awaited task, a sleep, a lock): its later code will not run, and
                // variables it declared are not kept; earlier ones keep what it assigned them.
                context.Flush();
                return Fail(context.Sink, count, StopError(reason, cellNumber, null, CellLine(e, filePath, lastLineReached: true)), reason);
            }
            // A cell given up on (it did not stop in time) must not replace the state later cells continue from.
            if (!IsCurrent()) return new CellOutcome(_stopReason ?? CellStatus.Interrupted, count);
            _lastScript = script;
            _state = state;
            context.Flush();
            if (state.Exception is { } exception)
            {
                var line = CellLine(exception, filePath, lastLineReached: true);
                if (_stopReason is { } reason && IsStop(exception))
                    return Fail(context.Sink, count, StopError(reason, cellNumber, null, line), reason);
                return Fail(context.Sink, count, RuntimeError(exception, cellNumber, line));
            }
            if (state.ReturnValue is { } value && value is not DisplayHandle && HasTrailingExpression(tree))
            {
                MimeBundle bundle;
                try { bundle = MimeFormatter.Format(value); }
                catch (Exception e) { return Fail(context.Sink, count, RuntimeError(e, cellNumber, CellLine(e, filePath, lastLineReached: false))); }
                context.Sink.Result(bundle, count);
            }
            return new CellOutcome(CellStatus.Ok, count);
        }
        finally
        {
            if (IsCurrent()) Volatile.Write(ref _running, false);
            cellContext?.Close();
            SynchronizationContext.SetSynchronizationContext(previousContext);
            context.Flush();
            CellContext.Current = null;
            try { Thread.Sleep(0); } catch (ThreadInterruptedException) { } // swallow a late interrupt
        }
    }

    /// <summary>Whether the calling thread runs the session's current cell (not one given up on).</summary>
    private bool IsCurrent() => _cell?.Thread == Thread.CurrentThread;

    /// <summary>The cell that runs now: its thread, its context, and the signal that a stop was asked for.</summary>
    private sealed record RunningCell(Thread Thread, CellContext Context, TaskCompletionSource StopRequested);

    /// <summary>Whether <paramref name="e"/> is how a stop request surfaces: an interrupt check, a broken wait, a cancelled library loop.</summary>
    private static bool IsStop(Exception e) => e switch
    {
        ScriptInterruptedException or ThreadInterruptedException or OperationCanceledException => true,
        AggregateException a => a.Flatten().InnerExceptions.All(IsStop),
        TargetInvocationException { InnerException: { } inner } => IsStop(inner),
        _ => false,
    };

    private static bool HasTrailingExpression(SyntaxTree tree) =>
        tree.GetRoot() is Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax unit
        && unit.Members.LastOrDefault() is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax
        {
            Statement: Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true }
        };

    private static CellOutcome Fail(ICellOutputSink sink, int count, CellError error, CellStatus status = CellStatus.Error)
    {
        sink.Error(error);
        return new CellOutcome(status, count, error);
    }

    private static CellError CompileError(List<Diagnostic> diagnostics, PositionMap map, SyntaxTree original, int cellNumber)
    {
        var text = original.GetText();
        var lines = new List<string>();
        int? firstLine = null, firstColumn = null;
        foreach (var d in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            string where;
            if (d.Location.IsInSource)
            {
                var position = Math.Clamp(map.ToOriginal(d.Location.SourceSpan.Start), 0, text.Length);
                var lp = text.Lines.GetLinePosition(position);
                firstLine ??= lp.Line + 1;
                firstColumn ??= lp.Character + 1;
                where = $"({lp.Line + 1},{lp.Character + 1})";
            }
            else where = "";
            lines.Add($"{where}: error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        var header = $"cell {cellNumber}: {lines.Count} compile error{(lines.Count == 1 ? "" : "s")}";
        return new CellError("CompilationError", string.Join("\n", lines), [header, .. lines], firstLine, firstColumn);
    }

    private static CellError RuntimeError(Exception exception, int cellNumber, int? line)
    {
        var e = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
        var where = line is { } l ? $"cell {cellNumber}, line {l}" : $"cell {cellNumber}";
        var traceback = new List<string> { $"{e.GetType().FullName}: {e.Message}" };
        traceback.AddRange(Frames(e));
        for (var cause = e.InnerException; cause is not null; cause = cause.InnerException)
            traceback.Add($" ---> {cause.GetType().FullName}: {cause.Message}");
        traceback.Insert(0, $"{where}: {e.GetType().Name}: {e.Message}");
        return new CellError(e.GetType().Name, e.Message, traceback, line);
    }

    private static IEnumerable<string> Frames(Exception e)
    {
        foreach (var frame in new StackTrace(e, true).GetFrames())
        {
            var method = frame.GetMethod();
            var type = method?.DeclaringType;
            var ns = type?.Namespace ?? "";
            // The engine's own frames (the script host, the formatters it calls) say nothing about the cell.
            if (ns.StartsWith("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                || ns.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal)
                || ns.StartsWith("RnnNotebooks.Runtime", StringComparison.Ordinal)
                || ns.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal)
                || ns.StartsWith("System.Runtime.ExceptionServices", StringComparison.Ordinal)
                || ns.StartsWith("System.Threading.Tasks", StringComparison.Ordinal)
                || ns.StartsWith("System.Reflection", StringComparison.Ordinal)
                || ns.StartsWith("Internal.Runtime", StringComparison.Ordinal)
                || type is null || type.Name.StartsWith("lambda_method", StringComparison.Ordinal)) continue;
            var file = frame.GetFileName();
            var name = type is null ? method?.Name : $"{CleanTypeName(type)}.{method!.Name}";
            yield return file is not null && file.StartsWith("cell ", StringComparison.Ordinal)
                ? $"   at {name} in {file}, line {frame.GetFileLineNumber()}"
                : $"   at {name}";
        }
    }

    private static string CleanTypeName(Type type)
    {
        var name = type.FullName ?? type.Name;
        return SubmissionPrefix().Replace(name, "");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Submission#\d+\+?")]
    private static partial System.Text.RegularExpressions.Regex SubmissionPrefix();

    /// <summary>
    /// The line of the innermost stack frame that belongs to the running cell; else, when the exception came
    /// from the cell's top-level code, the last line that code reached (optimized code does not map every
    /// exception, such as a failed bounds check, back to its line).
    /// </summary>
    private int? CellLine(Exception exception, string filePath, bool lastLineReached)
    {
        var e = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
        foreach (var frame in new StackTrace(e, true).GetFrames())
            if (frame.GetFileName() == filePath && frame.GetFileLineNumber() > 0) return frame.GetFileLineNumber();
        return lastLineReached && InterruptGate.LastLine(_id) is > 0 and var reached ? reached : null;
    }

    private static CellError StopError(CellStatus reason, int cellNumber, TimeSpan? timeout, int? line, string? more = null)
    {
        var at = line is { } l ? $", stopped at line {l}" : "";
        var message = reason == CellStatus.TimedOut
            ? $"cell {cellNumber} timed out{(timeout is { } t ? $" after {t.TotalSeconds:0.###} s" : "")}{at}"
            : $"cell {cellNumber} was interrupted{at}";
        message += more;
        return new CellError(reason == CellStatus.TimedOut ? "TimeoutError" : "KeyboardInterrupt", message, [message], line);
    }

    /// <inheritdoc />
    public void Interrupt()
    {
        if (_cell is not null) Stop(CellStatus.Interrupted);
    }

    private void Stop(CellStatus reason)
    {
        if (_cell is not { } cell) return;
        var (thread, context, stopRequested) = cell;
        Interlocked.CompareExchange(ref _stopCode, (int)reason + 1, 0);
        InterruptGate.Request(_id);
        context.Stop(except: thread);
        // Thread.Interrupt only while user code runs: inside the compiler it would tear Roslyn's own waits.
        if (Volatile.Read(ref _running))
            try { thread.Interrupt(); } catch (ThreadStateException) { }
        stopRequested.TrySetResult();
    }

    private void AddReferences(IEnumerable<string> files)
    {
        var added = new List<MetadataReference>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (_referencedFiles.Any(f => Path.GetFileName(f).Equals(name, StringComparison.OrdinalIgnoreCase))) continue;
            if (!IsManagedAssembly(file)) continue;
            _referencedFiles.Add(file);
            var xml = Path.ChangeExtension(file, ".xml");
            added.Add(MetadataReference.CreateFromFile(file, documentation: File.Exists(xml) ? new XmlDocumentation(xml) : null));
        }
        if (added.Count > 0) _scriptOptions = _scriptOptions.AddReferences(added);
    }

    private static bool IsManagedAssembly(string file)
    {
        try
        {
            AssemblyName.GetAssemblyName(file);
            return true;
        }
        catch (BadImageFormatException) { return false; }
    }

    private string ResolveAssemblyPath(string path)
    {
        var full = Path.GetFullPath(Path.Combine(_options.WorkingDirectory, path));
        return File.Exists(full) ? full : throw new FileNotFoundException($"assembly '{path}' not found (looked for {full}).");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Interrupt();
        InterruptGate.Clear(_id);
    }
}
