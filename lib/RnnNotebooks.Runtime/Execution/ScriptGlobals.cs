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
