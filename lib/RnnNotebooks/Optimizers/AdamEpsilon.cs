namespace RnnNotebooks.Optimizers;

/// <summary>Where Adam adds its epsilon.</summary>
public enum AdamEpsilon
{
    /// <summary>PyTorch: <c>denom = sqrt(v) / sqrt(1 − β₂ᵗ) + eps</c>, epsilon added after bias correction.</summary>
    Torch,

    /// <summary>Keras / TensorFlow: <c>lrₜ = lr·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ)</c> and <c>denom = sqrt(v) + eps</c>, epsilon added before it.</summary>
    Keras,
}
