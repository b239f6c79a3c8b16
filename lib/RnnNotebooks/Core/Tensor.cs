namespace RnnNotebooks;

/// <summary>
/// A dense, row-major array of doubles with a shape: the currency between layers.
/// Batches of sequences are <c>[batch, time, features]</c>; batches of vectors are <c>[batch, features]</c>.
/// </summary>
public sealed class Tensor
{
    /// <summary>Creates a zero tensor of the given shape.</summary>
    public Tensor(params int[] shape) : this(new double[CheckedLength(shape)], shape) { }

    /// <summary>Wraps <paramref name="data"/> (not copied) with the given shape.</summary>
    public Tensor(double[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        long length = CheckedLength(shape);
        if (data.Length != length)
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] needs {length} values; got {data.Length}.", nameof(data));
        Data = data;
        _shape = (int[])shape.Clone();
    }

    private Tensor(double[] data, int[] shape, bool _)
    {
        System.Diagnostics.Debug.Assert(data.Length == CheckedLength(shape));
        Data = data;
        _shape = shape;
    }

    /// <summary>
    /// Wraps <paramref name="data"/> with <paramref name="shape"/> without copying or checking either: for layers
    /// that return a new tensor per call and keep one shape array per shape, which they never change.
    /// </summary>
    internal static Tensor Wrap(double[] data, int[] shape) => new(data, shape, false);

    /// <summary>The values, row-major.</summary>
    public double[] Data { get; }

    private readonly int[] _shape;

    /// <summary>The dimensions.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The dimensions as a span: read per batch by layers and losses, without an interface call per dimension.</summary>
    internal ReadOnlySpan<int> Dims => _shape;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Total number of values.</summary>
    public int Length => Data.Length;

    /// <summary>Value at a 2-D index.</summary>
    public double this[int i, int j]
    {
        get => Data[i * _shape[1] + j];
        set => Data[i * _shape[1] + j] = value;
    }

    /// <summary>Value at a 3-D index.</summary>
    public double this[int i, int j, int k]
    {
        get => Data[(i * _shape[1] + j) * _shape[2] + k];
        set => Data[(i * _shape[1] + j) * _shape[2] + k] = value;
    }

    /// <summary>A tensor that shares this one's data under another shape of the same length.</summary>
    public Tensor Reshape(params int[] shape) => new(Data, shape);

    /// <summary>A deep copy.</summary>
    public Tensor Clone() => new((double[])Data.Clone(), [.. Shape]);

    /// <summary>Builds a <c>[rows, cols]</c> tensor from a jagged array, rejecting ragged rows.</summary>
    public static Tensor FromRows(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("Expected at least one row; got none.", nameof(rows));
        int cols = rows[0].Length;
        var data = new double[rows.Count * cols];
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != cols)
                throw new ArgumentException($"Ragged rows: row 0 has {cols} values but row {r} has {rows[r].Length}.", nameof(rows));
            rows[r].CopyTo(data, r * cols);
        }
        return new Tensor(data, rows.Count, cols);
    }

    /// <inheritdoc />
    public override string ToString() => $"Tensor [{string.Join("×", Shape)}]";

    private static int CheckedLength(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0)
            throw new ArgumentException("Expected at least one dimension; got none.", nameof(shape));
        // A plain loop: tensors are built per batch, and this check sits on that path.
        int length = 1;
        foreach (int d in shape)
        {
            if (d < 0)
                throw new ArgumentException($"Expected non-negative dimensions; got [{string.Join(", ", shape)}].", nameof(shape));
            length = checked(length * d);
        }
        return length;
    }
}
