namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// A sink that can also ask the person at the front end for a line of text (Jupyter's <c>input_request</c>).
/// <c>Console.ReadLine()</c> in a cell reaches it; a sink without it has no input to give.
/// </summary>
public interface ICellInput
{
    /// <summary>Asks for one line of input and waits for it.</summary>
    /// <param name="prompt">Text shown next to the input box.</param>
    /// <param name="password">Whether the front end should hide what is typed.</param>
    /// <exception cref="InvalidOperationException">Input cannot be asked for here; the message says why.</exception>
    string ReadLine(string prompt, bool password);
}
