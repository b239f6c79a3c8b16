namespace RnnNotebooks.Layers;

/// <summary>An elementwise nonlinearity applied by a <see cref="Dense"/> layer or a simple recurrent cell.</summary>
public enum Activation
{
    /// <summary>The identity, <c>f(z) = z</c> (Keras' <c>activation=None</c>).</summary>
    Linear,

    /// <summary>The hyperbolic tangent.</summary>
    Tanh,

    /// <summary>The logistic function <c>1 / (1 + e^(−z))</c>.</summary>
    Sigmoid,

    /// <summary>The rectifier <c>max(0, z)</c>.</summary>
    Relu,
}
