namespace RnnNotebooks.Gradients;

/// <summary>The check of one parameter (or of the input).</summary>
/// <param name="Name">State-dict key of the parameter, or <c>input</c>.</param>
/// <param name="Count">Entries compared.</param>
/// <param name="MaxRelativeError">Largest relative error over the entries.</param>
/// <param name="MaxAbsoluteError">Largest absolute difference over the entries.</param>
/// <param name="MaxGradient">Largest |analytic gradient|, for scale.</param>
public sealed record GradientCheckEntry(string Name, int Count, double MaxRelativeError, double MaxAbsoluteError, double MaxGradient);
