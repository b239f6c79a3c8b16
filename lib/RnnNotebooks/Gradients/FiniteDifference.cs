namespace RnnNotebooks.Gradients;

/// <summary>The finite-difference stencil.</summary>
public enum FiniteDifference
{
    /// <summary>(f(x+ε) − f(x−ε)) / 2ε: error O(ε²).</summary>
    Central,

    /// <summary>(−f(x+2ε) + 8f(x+ε) − 8f(x−ε) + f(x−2ε)) / 12ε: error O(ε⁴), so a larger ε keeps rounding noise low.</summary>
    CentralFivePoint,
}
