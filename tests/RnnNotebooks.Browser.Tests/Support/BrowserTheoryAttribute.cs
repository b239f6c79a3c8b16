namespace RnnNotebooks.Browser.Tests.Support;

/// <summary>A theory that needs Chromium; see <see cref="BrowserFactAttribute"/>.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute() => Skip = BrowserRequirement.SkipReason;
}
