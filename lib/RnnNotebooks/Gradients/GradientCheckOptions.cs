namespace RnnNotebooks.Gradients;

/// <summary>How a gradient check perturbs and judges.</summary>
public sealed record GradientCheckOptions
{
    /// <summary>The step ε.</summary>
    public double Epsilon { get; init; } = 1e-4;

    /// <summary>The stencil.</summary>
    public FiniteDifference Method { get; init; } = FiniteDifference.CentralFivePoint;

    /// <summary>
    /// Relative error is |analytic − numeric| / max(|analytic|, |numeric|, floor): gradients smaller
    /// than the floor are judged on their absolute error scaled by it. In double precision the
    /// five-point difference carries about 1e-12 of rounding noise, which would otherwise swamp
    /// the relative error of entries near zero.
    /// </summary>
    public double RelativeFloor { get; init; } = 1e-5;

    /// <summary>Check the gradient with respect to the input too (when the check has an input).</summary>
    public bool CheckInput { get; init; } = true;

    /// <summary>The defaults: five-point stencil, ε = 1e-4, floor 1e-5, input checked.</summary>
    public static GradientCheckOptions Default { get; } = new();
}
