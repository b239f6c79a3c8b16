using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Formatting;
using RnnNotebooks.Runtime.Formatting;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// A C# script session on Roslyn scripting: the first cell starts it, later cells continue it and see its
/// variables. Cells run on a dedicated thread of their own. Directives are handled before the compiler
/// sees a cell; loops and method bodies are instrumented so <see cref="Interrupt"/> and timeouts stop
/// even busy loops, and blocking waits are broken with <see cref="Thread.Interrupt"/>.
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
    private volatile Thread? _cellThread;
    private int _stopCode; // 0: running; otherwise 1 + the CellStatus that stopped it

    private CellStatus? _stopReason
    {
        get => Volatile.Read(ref _stopCode) is var c && c == 0 ? null : (CellStatus)(c - 1);
        set => Volatile.Write(ref _stopCode, value is { } v ? (int)v + 1 : 0);
    }
    private int _executionCount;
    private bool _running;
    private bool _disposed;

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
            var count = Interlocked.Increment(ref _executionCount);
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
        foreach (var directive in parsed.Directives)
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
                var message = $"cell {cellNumber}, line {directive.Line}: {e.Message}";
                return Fail(sink, count, new CellError(e is PackageResolutionException ? "PackageResolutionError" : "ReferenceError",
                    message, [message], directive.Line, 1));
            }
        }

        var context = new CellContext(sink);
        var completion = new TaskCompletionSource<CellOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { completion.TrySetResult(RunOnCellThread(parsed.Code, context, count, cellNumber, running)); }
            catch (Exception e)
            {
                // Never let a cell take the process down: anything escaping is this cell's error.
                var reason = _stopReason;
                completion.TrySetResult(reason is { } r && e is ThreadInterruptedException
                    ? Fail(sink, count, StopError(r, cellNumber, timeout, null, abandoned: false), r)
                    : Fail(sink, count, RuntimeError(e, cellNumber, $"cell {cellNumber}", null)));
            }
            finally { running.TrySetResult(); }
        }, 256 * 1024 * 1024)
        {
            IsBackground = true,
            Name = $"cell {cellNumber}",
        };
        _stopReason = null;
        _cellThread = thread;
        thread.Start();

        var finished = completion.Task;
        if (timeout is { } limit)
        {
            // The limit covers running the cell, not compiling it.
            await running.Task;
            var done = await Task.WhenAny(finished, Task.Delay(limit));
            if (done != finished) Stop(CellStatus.TimedOut);
        }
        await Task.WhenAny(finished, WaitForStopAsync(finished));
        if (!finished.IsCompleted)
        {
            // The cell ignores the interrupt (blocked in native code or an uninstrumented library loop):
            // give up on it and keep the session at its last good state.
            _cellThread = null;
            var reason = _stopReason ?? CellStatus.Interrupted;
            context.Flush();
            var error = StopError(reason, cellNumber, timeout, line: null, abandoned: true);
            InterruptGate.Clear(_id);
            return Fail(sink, count, error, reason);
        }
        _cellThread = null;
        InterruptGate.Clear(_id);
        return await finished;
    }

    private async Task WaitForStopAsync(Task finished)
    {
        while (!finished.IsCompleted && _stopReason is null) await Task.WhenAny(finished, Task.Delay(50));
        if (!finished.IsCompleted) await Task.WhenAny(finished, Task.Delay(_options.InterruptGracePeriod));
    }

    private CellOutcome RunOnCellThread(string code, CellContext context, int count, int cellNumber, TaskCompletionSource running)
    {
        CellContext.Current = context;
        var filePath = $"cell {cellNumber}";
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
            script.CreateDelegate(); // emits now, so an interrupt cannot land inside the compiler

            if (_stopReason is { } early)
                return Fail(context.Sink, count, StopError(early, cellNumber, null, null, abandoned: false), early);
            Volatile.Write(ref _running, true);
            running.TrySetResult();
            if (_stopReason is not null) Stop(_stopReason.Value); // raced with a stop request made while compiling

            ScriptState<object> state;
            try
            {
                state = _state is null
                    ? script.RunAsync(_globals, _ => true).GetAwaiter().GetResult()
                    : script.RunFromAsync(_state, _ => true).GetAwaiter().GetResult();
            }
            catch (ThreadInterruptedException)
            {
                // Interrupted while waiting for an async cell: its state is unknown, keep the previous one.
                context.Flush();
                var reason = _stopReason ?? CellStatus.Interrupted;
                return Fail(context.Sink, count, StopError(reason, cellNumber, null, null, abandoned: false), reason);
            }
            _lastScript = script;
            _state = state;
            context.Flush();
            if (state.Exception is { } exception)
            {
                var line = CellLine(exception, filePath);
                if (_stopReason is { } reason && exception is ScriptInterruptedException or ThreadInterruptedException)
                    return Fail(context.Sink, count, StopError(reason, cellNumber, null, line, abandoned: false), reason);
                return Fail(context.Sink, count, RuntimeError(exception, cellNumber, filePath, line));
            }
            if (state.ReturnValue is { } value && value is not DisplayHandle && HasTrailingExpression(tree))
            {
                MimeBundle bundle;
                try { bundle = MimeFormatter.Format(value); }
                catch (Exception e) { return Fail(context.Sink, count, RuntimeError(e, cellNumber, filePath, null)); }
                context.Sink.Result(bundle, count);
            }
            return new CellOutcome(CellStatus.Ok, count);
        }
        finally
        {
            Volatile.Write(ref _running, false);
            context.Flush();
            CellContext.Current = null;
            try { Thread.Sleep(0); } catch (ThreadInterruptedException) { } // swallow a late interrupt
        }
    }

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

    private static CellError RuntimeError(Exception exception, int cellNumber, string filePath, int? line)
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
            if (ns.StartsWith("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                || ns.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal)
                || ns.StartsWith("System.Threading.Tasks", StringComparison.Ordinal)
                || type == typeof(InterruptGate)) continue;
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

    /// <summary>The line of the innermost stack frame that belongs to the running cell.</summary>
    private static int? CellLine(Exception exception, string filePath)
    {
        foreach (var frame in new StackTrace(exception, true).GetFrames())
            if (frame.GetFileName() == filePath && frame.GetFileLineNumber() > 0) return frame.GetFileLineNumber();
        return null;
    }

    private static CellError StopError(CellStatus reason, int cellNumber, TimeSpan? timeout, int? line, bool abandoned)
    {
        var at = line is { } l ? $", stopped at line {l}" : "";
        var message = reason == CellStatus.TimedOut
            ? $"cell {cellNumber} timed out{(timeout is { } t ? $" after {t.TotalSeconds:0.###} s" : "")}{at}"
            : $"cell {cellNumber} was interrupted{at}";
        if (abandoned) message += "; the cell did not stop and was abandoned, variables it set are lost";
        return new CellError(reason == CellStatus.TimedOut ? "TimeoutError" : "KeyboardInterrupt", message, [message], line);
    }

    /// <inheritdoc />
    public void Interrupt() => Stop(CellStatus.Interrupted);

    private void Stop(CellStatus reason)
    {
        var thread = _cellThread;
        if (thread is null) return;
        Interlocked.CompareExchange(ref _stopCode, (int)reason + 1, 0);
        InterruptGate.Request(_id);
        // Thread.Interrupt only while user code runs: inside the compiler it would tear Roslyn's own waits.
        if (Volatile.Read(ref _running))
            try { thread.Interrupt(); } catch (ThreadStateException) { }
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
