using MathNet.Numerics.LinearAlgebra;

namespace RnnNotebooks;

/// <summary>
/// A trainable tensor: its value and the gradient of the loss with respect to it,
/// stored row-major in flat arrays of the same length. Optimizers and gradient clipping
/// see nothing but lists of these.
/// </summary>
public sealed class Parameter
{
    /// <summary>Creates a zero-valued parameter of the given shape.</summary>
    /// <param name="name">PyTorch-style name, e.g. <c>weight_ih</c> or <c>bias</c>.</param>
    /// <param name="shape">Dimensions, row-major; a matrix is <c>[rows, cols]</c>.</param>
    public Parameter(string name, params int[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
            throw new ArgumentException($"Parameter '{name}' needs positive dimensions; got [{string.Join(", ", shape)}].", nameof(shape));
        Name = name;
        Shape = (int[])shape.Clone();
        int length = 1;
        foreach (int d in shape) length = checked(length * d);
        Value = new double[length];
        Grad = new double[length];
    }

    /// <summary>PyTorch-style name, unique within its module.</summary>
    public string Name { get; }

    /// <summary>Dimensions of the value, row-major.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Number of scalars in the parameter.</summary>
    public int Length => Value.Length;

    /// <summary>The current value, row-major.</summary>
    public double[] Value { get; }

    /// <summary>The accumulated gradient of the loss, same layout as <see cref="Value"/>.</summary>
    public double[] Grad { get; }

    /// <summary>Sets every gradient entry to zero.</summary>
    public void ZeroGrad()
    {
        if (Grad.Length == 1) Grad[0] = 0;   // a scalar weight, zeroed once per one-sample batch: skip the call
        else Array.Clear(Grad);
    }

    /// <summary>A copy of the value as a MathNet matrix (vectors become a single row).</summary>
    public Matrix<double> ToMatrix()
    {
        int rows = Shape.Count == 1 ? 1 : Shape[0];
        int cols = Length / rows;
        return Matrix<double>.Build.Dense(rows, cols, (r, c) => Value[r * cols + c]);
    }

    /// <summary>A copy of the gradient as a MathNet matrix (vectors become a single row).</summary>
    public Matrix<double> GradToMatrix()
    {
        int rows = Shape.Count == 1 ? 1 : Shape[0];
        int cols = Length / rows;
        return Matrix<double>.Build.Dense(rows, cols, (r, c) => Grad[r * cols + c]);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{string.Join("×", Shape)}]";
}
