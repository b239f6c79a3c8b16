namespace RnnNotebooks.Browser.Tests.Support;

/// <summary>
/// A fact that needs Chromium. It skips, saying why, only when Chromium is missing outside CI; under CI
/// (<c>CI</c> set) it runs and fails, since CI must install the browser.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = BrowserRequirement.SkipReason;
}
