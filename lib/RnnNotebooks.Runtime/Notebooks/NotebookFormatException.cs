namespace RnnNotebooks.Runtime.Notebooks;

/// <summary>A file is not a notebook this engine can read; the message says what was expected and what came.</summary>
public sealed class NotebookFormatException(string message, Exception? inner = null) : Exception(message, inner);
