namespace RnnNotebooks.Runtime.Execution;

/// <summary>Receives a cell's outputs as they happen, in order.</summary>
public interface ICellOutputSink
{
    /// <summary>The cell got its execution count (the session's counter) and is about to run; before any output.</summary>
    void Started(int executionCount) { }

    /// <summary>Text written to <c>stdout</c> or <c>stderr</c>.</summary>
    void Stream(string name, string text);

    /// <summary>A <c>display_data</c> output; <paramref name="displayId"/> lets it be updated later.</summary>
    void Display(MimeBundle bundle, string displayId);

    /// <summary>An <c>update_display_data</c>: replaces the earlier display with the same id.</summary>
    void UpdateDisplay(MimeBundle bundle, string displayId);

    /// <summary>The cell's trailing expression (<c>execute_result</c>).</summary>
    void Result(MimeBundle bundle, int executionCount);

    /// <summary>The cell failed.</summary>
    void Error(CellError error);
}
