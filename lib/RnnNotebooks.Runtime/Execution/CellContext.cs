using System.Text;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>The cell currently running on a thread: where its console text and displays go.</summary>
internal sealed class CellContext(ICellOutputSink sink)
{
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();

    public ICellOutputSink Sink { get; } = sink;

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

    private static readonly AsyncLocal<CellContext?> s_current = new();

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
