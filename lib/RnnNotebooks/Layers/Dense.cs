using System.Numerics.Tensors;
using RnnNotebooks.Init;
using RnnNotebooks.Numerics;
using RnnNotebooks.Random;

namespace RnnNotebooks.Layers;

/// <summary>
/// A fully connected layer <c>y = f(x·Wᵀ + b)</c> in PyTorch's <c>nn.Linear</c> layout:
/// <c>weight</c> [out, in], <c>bias</c> [out]. Input <c>[batch, in]</c> or <c>[batch, time, in]</c>
/// (any leading dimensions are flattened, so a many-to-many RNN can feed it directly).
/// </summary>
/// <remarks>Initialisation: PyTorch's by default, weight and bias uniform in ±1/√in (see <see cref="WeightInit"/>).</remarks>
public sealed class Dense : ILayer, IInitializable
{
    private readonly Parameter _weight;
    private readonly Parameter? _bias;
    private double[]? _input, _output, _work;
    private int[]? _inputShape, _outputShape;
    private int _rows;

    /// <summary>Creates the layer and draws its weights by <paramref name="init"/> from <paramref name="random"/> (seed 0 when null).</summary>
    public Dense(int inputSize, int outputSize, Activation activation = Activation.Linear, bool bias = true,
        WeightInit init = WeightInit.PyTorch, NumPyRandom? random = null)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "Expected a positive input size.");
        if (outputSize <= 0) throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "Expected a positive output size.");
        if (!Enum.IsDefined(activation)) throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        InputSize = inputSize;
        OutputSize = outputSize;
        Activation = activation;
        _weight = new Parameter("weight", outputSize, inputSize);
        if (bias) _bias = new Parameter("bias", outputSize);
        Parameters = _bias is null ? [_weight] : [_weight, _bias];
        Initialize(init, random ?? new NumPyRandom(0));
    }

    /// <summary>Features in.</summary>
    public int InputSize { get; }

    /// <summary>Features out.</summary>
    public int OutputSize { get; }

    /// <summary>The nonlinearity f.</summary>
    public Activation Activation { get; }

    /// <summary>The weight W, <c>[out, in]</c>.</summary>
    public Parameter Weight => _weight;

    /// <summary>The bias b, <c>[out]</c>, or null.</summary>
    public Parameter? Bias => _bias;

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc />
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 2)
            throw new ArgumentException($"Dense({InputSize}→{OutputSize}) expects input [batch, {InputSize}] or [batch, time, {InputSize}]; got [{string.Join(", ", input.Shape)}] (rank {input.Rank}).", nameof(input));
        if (input.Shape[^1] != InputSize)
            throw new ArgumentException($"Dense({InputSize}→{OutputSize}) expects {InputSize} input features; got {input.Shape[^1]} (input shape [{string.Join(", ", input.Shape)}]).", nameof(input));
        int rows = input.Length / InputSize, o = OutputSize;
        _input = input.Data;
        var inputShape = Shapes.Cached(ref _inputShape, input.Dims);
        _rows = rows;
        var pre = Workspace(ref _work, rows * o);
        Gemm.Multiply(input.Data, _weight.Value, pre, rows, InputSize, o, transposeB: true);
        if (_bias is not null)
            for (int r = 0; r < rows; r++) TensorPrimitives.Add(pre.AsSpan(r * o, o), _bias.Value, pre.AsSpan(r * o, o));
        var y = GC.AllocateUninitializedArray<double>(rows * o);
        ActivationMath.Apply(Activation, pre.AsSpan(0, rows * o), y);
        _output = y;
        // Tensor copies its shape, so one array per input shape serves every call.
        if (_outputShape is null || _outputShape.Length != inputShape.Length || !_outputShape.AsSpan(0, _outputShape.Length - 1).SequenceEqual(inputShape.AsSpan(0, inputShape.Length - 1)))
            _outputShape = [.. inputShape[..^1], o];
        return Tensor.Wrap(y, _outputShape);
    }

    /// <inheritdoc />
    public Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_input is null || _output is null || _inputShape is null)
            throw new InvalidOperationException($"Dense({InputSize}→{OutputSize}): call Forward before Backward.");
        int rows = _rows, o = OutputSize;
        if (outputGradient.Length != rows * o || outputGradient.Shape[^1] != o)
        {
            int[] expected = [.. _inputShape];
            expected[^1] = o;
            throw new ArgumentException($"Dense({InputSize}→{OutputSize}) expects an output gradient of shape [{string.Join(", ", expected)}]; got [{string.Join(", ", outputGradient.Shape)}].", nameof(outputGradient));
        }
        var dz = Workspace(ref _work, rows * o).AsSpan(0, rows * o);
        ActivationMath.Backward(Activation, _output, outputGradient.Data, dz);
        Gemm.Multiply(dz, _input, _weight.Grad, o, rows, InputSize, transposeA: true, accumulate: true);
        if (_bias is not null)
            for (int r = 0; r < rows; r++) TensorPrimitives.Add(_bias.Grad, dz.Slice(r * o, o), _bias.Grad);
        var dx = GC.AllocateUninitializedArray<double>(rows * InputSize);
        Gemm.Multiply(dz, _weight.Value, dx, rows, o, InputSize);
        return Tensor.Wrap(dx, _inputShape);
    }

    /// <inheritdoc />
    public void Initialize(WeightInit scheme, NumPyRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        switch (scheme)
        {
            case WeightInit.PyTorch:
                double bound = 1.0 / Math.Sqrt(InputSize);
                Initializers.Uniform(_weight, bound, random);
                if (_bias is not null) Initializers.Uniform(_bias, bound, random);
                break;
            case WeightInit.Keras:
                Initializers.GlorotUniform(_weight, random);
                if (_bias is not null) Initializers.Constant(_bias, 0.0);
                break;
            case WeightInit.UniformFanIn:
                Initializers.Uniform(_weight, Math.Sqrt(1.0 / InputSize), random);
                if (_bias is not null) Initializers.Constant(_bias, 0.0);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown initialisation scheme.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Dense({InputSize}→{OutputSize}, {Activation})";

    private static double[] Workspace(ref double[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new double[length];
        return buffer;
    }
}
