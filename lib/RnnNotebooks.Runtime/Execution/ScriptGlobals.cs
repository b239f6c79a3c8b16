using System.Diagnostics.CodeAnalysis;
using RnnNotebooks.Runtime.Formatting;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// What every cell sees as globals: the helpers notebook authors know from C# notebooks.
/// Lower-case names match .NET Interactive's so existing notebooks keep working.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "Names match the notebook helpers authors know.")]
public sealed class ScriptGlobals
{
    internal ScriptGlobals() { }

    /// <summary>Shows <paramref name="value"/> as a <c>display_data</c> output; restrict to <paramref name="mimeTypes"/> when given.</summary>
    /// <returns>A handle whose <see cref="DisplayHandle.Update"/> replaces this output in place.</returns>
    public DisplayHandle display(object? value, params string[] mimeTypes)
    {
        var handle = new DisplayHandle(Guid.NewGuid().ToString("N"), mimeTypes);
        var bundle = MimeFormatter.Format(value, mimeTypes);
        var cell = CellContext.Current ?? throw new InvalidOperationException("display() can only be called while a cell runs.");
        cell.Flush();
        handle.Owner = cell;
        cell.Sink.Display(bundle, handle.DisplayId);
        return handle;
    }

    /// <summary>Markup shown as it is, e.g. <c>display(HTML("&lt;b&gt;done&lt;/b&gt;"))</c> or as a cell's last expression.</summary>
    public HtmlContent HTML(string html) => new(html);
}

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
