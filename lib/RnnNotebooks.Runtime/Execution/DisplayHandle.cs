using System.Diagnostics.CodeAnalysis;
using RnnNotebooks.Runtime.Formatting;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>A displayed output that can be replaced in place (Jupyter's <c>update_display_data</c>).</summary>
public sealed class DisplayHandle
{
    private readonly string[] _mimeTypes;

    internal DisplayHandle(string displayId, string[] mimeTypes)
    {
        DisplayId = displayId;
        _mimeTypes = mimeTypes;
    }

    /// <summary>The display id shared by the output and its updates.</summary>
    public string DisplayId { get; }

    internal CellContext? Owner { get; set; }

    /// <summary>Replaces the displayed output with <paramref name="value"/>.</summary>
    public void Update(object? value)
    {
        var cell = CellContext.Current ?? Owner ?? throw new InvalidOperationException("Update() needs a running cell.");
        cell.Flush();
        cell.Sink.UpdateDisplay(MimeFormatter.Format(value, _mimeTypes), DisplayId);
    }

    /// <inheritdoc />
    public override string ToString() => $"display {DisplayId}";
}
