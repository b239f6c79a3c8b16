using MathNet.Numerics.LinearAlgebra;
using RnnNotebooks.Random;

namespace RnnNotebooks.Init;

/// <summary>
/// Building blocks of initialisation, each filling one parameter row-major from a
/// <see cref="NumPyRandom"/>, so a fill matches the NumPy call it names.
/// </summary>
public static class Initializers
{
    /// <summary>Sets every value to <paramref name="value"/>.</summary>
    public static void Constant(Parameter parameter, double value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        Array.Fill(parameter.Value, value);
    }

    /// <summary>
    /// Draws each value as NumPy's <c>uniform(low, high)</c>, in row-major order, or, with
    /// <paramref name="transposed"/>, as <c>uniform(low, high, size=(cols, rows)).T</c>: for
    /// weights a source stored as <c>[in, out]</c>.
    /// </summary>
    public static void Uniform(Parameter parameter, double low, double high, NumPyRandom random, bool transposed = false)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(random);
        var v = parameter.Value;
        if (!transposed || parameter.Shape.Count == 1)
        {
            for (int i = 0; i < v.Length; i++) v[i] = random.Uniform(low, high);
            return;
        }
        int rows = parameter.Shape[0], cols = v.Length / rows;
        for (int c = 0; c < cols; c++)
            for (int r = 0; r < rows; r++)
                v[r * cols + c] = random.Uniform(low, high);
    }

    /// <summary>Uniform in ±<paramref name="bound"/>.</summary>
    public static void Uniform(Parameter parameter, double bound, NumPyRandom random) => Uniform(parameter, -bound, bound, random);

    /// <summary>
    /// Glorot (Xavier) uniform: ±√(6 / (fan_in + fan_out)), with fan_in the columns and fan_out
    /// the rows of a <c>[out, in]</c> weight; a vector has fan_in = fan_out = its length (as in Keras).
    /// </summary>
    public static void GlorotUniform(Parameter parameter, NumPyRandom random)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        bool vector = parameter.Shape.Count == 1;
        int fanOut = vector ? parameter.Length : parameter.Shape[0];
        int fanIn = vector ? parameter.Length : parameter.Length / parameter.Shape[0];
        Uniform(parameter, Math.Sqrt(6.0 / (fanIn + fanOut)), random);
    }

    /// <summary>
    /// An orthogonal matrix as Keras' <c>Orthogonal</c> builds it: a standard normal matrix,
    /// its QR decomposition (MathNet), Q's columns signed by diag(R), times <paramref name="gain"/>.
    /// A tall weight gets orthonormal columns, a wide one orthonormal rows.
    /// </summary>
    public static void Orthogonal(Parameter parameter, NumPyRandom random, double gain = 1.0)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(random);
        if (parameter.Shape.Count != 2)
            throw new ArgumentException($"Orthogonal initialisation needs a matrix; '{parameter.Name}' has shape [{string.Join(", ", parameter.Shape)}].", nameof(parameter));
        int rows = parameter.Shape[0], cols = parameter.Shape[1];
        int tall = Math.Max(rows, cols), narrow = Math.Min(rows, cols);
        var gaussian = new double[tall * narrow];
        random.FillGaussian(gaussian);
        var a = Matrix<double>.Build.Dense(tall, narrow, (r, c) => gaussian[r * narrow + c]);
        var qr = a.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var q = qr.Q;
        for (int c = 0; c < narrow; c++)
        {
            double sign = qr.R[c, c] < 0 ? -1.0 : 1.0;
            for (int r = 0; r < tall; r++) q[r, c] *= sign * gain;
        }
        var v = parameter.Value;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                v[r * cols + c] = rows >= cols ? q[r, c] : q[c, r];
    }
}
