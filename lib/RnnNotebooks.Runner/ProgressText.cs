using System.Net;
using System.Text.RegularExpressions;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runner;

/// <summary>One line of plain text for a display, as the runner's progress shows it ("LSTM: epoch 12/25, loss 3.1e-4").</summary>
internal static partial class ProgressText
{
    private const int MaxLength = 160;

    public static string From(MimeBundle bundle)
    {
        var text = bundle.Data.TryGetValue("text/plain", out var plain) && plain is string p && !LooksLikeMarkup(p) ? p
            : bundle.Data.TryGetValue("text/html", out var html) && html is string h ? WebUtility.HtmlDecode(Tags().Replace(h, " "))
            : plain as string ?? "";
        // A table shown as text: its rows on one line, without the rule lines.
        var rows = text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0 && !Rule().IsMatch(l));
        text = string.Join(" · ", rows);
        return text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
    }

    private static bool LooksLikeMarkup(string text) => text.TrimStart().StartsWith('<');

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"^[-=+|:\s]+$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
