using System.Text;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// Routes <c>Console.In</c> (so <c>Console.ReadLine()</c>, <c>Console.Read()</c>) in a running cell to its sink's
/// <see cref="ICellInput"/>, which asks the front end for a line. Without one (the headless runner, or a front end
/// that does not accept input) reading fails at once with an error that says so, instead of waiting on a stdin
/// that nobody types into. Outside cells the process's own stdin is left as it was.
/// </summary>
internal static class ConsoleInput
{
    /// <summary>The message of the error a cell gets when its output has no way to ask for input.</summary>
    public const string NoInputMessage =
        "Console.ReadLine() needs input, but this cell runs without stdin (the headless runner and batch runs such as nbconvert "
        + "give none). Set the value in code instead.";

    private static int s_installed;

    /// <summary>Installs the routing reader once per process.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 1)
            return;
        // The process's own stdin is opened only if something outside a cell reads it: touching Console.In
        // here would set up the terminal at start-up for nothing.
        Console.SetIn(new RoutingReader(new Lazy<TextReader>(() =>
            TextReader.Synchronized(new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false)))));
    }

    /// <summary>Reads from the running cell's input, a line at a time; falls back to the process's stdin outside cells.</summary>
    private sealed class RoutingReader(Lazy<TextReader> stdin) : TextReader
    {
        private TextReader Stdin => stdin.Value;

        // What is left of the last line received when Read or Peek took part of it; always ends with '\n'.
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<CellContext, StringBuilder> _pending = new();

        public override string? ReadLine()
        {
            if (CellContext.Current is not { } cell)
                return Stdin.ReadLine();
            if (_pending.TryGetValue(cell, out var pending) && pending.Length > 0)
            {
                var text = pending.ToString();
                var newline = text.IndexOf('\n');
                pending.Remove(0, newline + 1);
                return text[..newline];
            }
            return Ask(cell);
        }

        public override int Read()
        {
            if (CellContext.Current is not { } cell)
                return Stdin.Read();
            var pending = Fill(cell);
            var c = pending[0];
            pending.Remove(0, 1);
            return c;
        }

        public override int Peek() => CellContext.Current is { } cell ? Fill(cell)[0] : Stdin.Peek();

        public override string ReadToEnd() => CellContext.Current is null
            ? Stdin.ReadToEnd()
            : throw new InvalidOperationException("Console.In.ReadToEnd() has no end in a notebook: read lines with Console.ReadLine() instead.");

        private StringBuilder Fill(CellContext cell)
        {
            var pending = _pending.GetOrCreateValue(cell);
            if (pending.Length == 0)
                pending.Append(Ask(cell)).Append('\n');
            return pending;
        }

        private static string Ask(CellContext cell)
        {
            // What the cell printed so far goes out first: "Name: " is the prompt a person reads.
            cell.Flush();
            if (cell.Sink is not ICellInput input)
                throw new InvalidOperationException(NoInputMessage);
            return input.ReadLine("", password: false);
        }
    }
}
