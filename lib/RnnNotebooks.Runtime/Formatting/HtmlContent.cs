namespace RnnNotebooks.Runtime.Formatting;

/// <summary>Markup to display as it is (what <c>HTML("...")</c> returns in a cell).</summary>
/// <param name="Html">The markup.</param>
public sealed record HtmlContent(string Html)
{
    /// <summary>The markup, for the <c>ToHtml()</c> display convention.</summary>
    public string ToHtml() => Html;

    /// <inheritdoc />
    public override string ToString() => Html;
}
