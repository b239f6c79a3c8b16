using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Numerics;
using RnnNotebooks.Random;

namespace RnnNotebooks.Cells;

/// <summary>
/// The Elman cell: <c>h′ = f(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)</c> with f tanh, ReLU or the identity
/// (PyTorch's <c>nn.RNNCell</c>; Keras' <c>SimpleRNNCell</c>). The state is <c>h</c>.
/// </summary>
/// <remarks>
/// Parameters: <c>weight_ih</c> [H, I] (W_xh), <c>weight_hh</c> [H, H] (W_hh), and unless
/// <c>bias: false</c>, <c>bias_ih</c> [H] and <c>bias_hh</c> [H]. Default initialisation: PyTorch's,
/// uniform in ±1/√H (see <see cref="WeightInit"/>).
/// </remarks>
public sealed class SimpleRnnCell : RecurrentCell
{
    private readonly Parameter _wIh, _wHh;
    private readonly Parameter? _bIh, _bHh;
    private double[]? _pre, _bias;

    /// <summary>Creates the cell and draws its weights by <paramref name="init"/> from <paramref name="random"/> (seed 0 when null).</summary>
    public SimpleRnnCell(int inputSize, int hiddenSize, Activation activation = Activation.Tanh, bool bias = true,
        WeightInit init = WeightInit.PyTorch, NumPyRandom? random = null)
        : base(inputSize, hiddenSize, hiddenSize, 0)
    {
        if (!Enum.IsDefined(activation)) throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        Activation = activation;
        _wIh = AddParameter("weight_ih", hiddenSize, inputSize);
        _wHh = AddParameter("weight_hh", hiddenSize, hiddenSize);
        if (bias)
        {
            _bIh = AddParameter("bias_ih", hiddenSize);
            _bHh = AddParameter("bias_hh", hiddenSize);
        }
        Initialize(init, random ?? new NumPyRandom(0));
    }

    /// <summary>The nonlinearity f.</summary>
    public Activation Activation { get; }

    /// <summary>Whether the cell has the two bias vectors.</summary>
    public bool HasBias => _bIh is not null;

    /// <inheritdoc />
    protected override void Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> state, Span<double> newState, Span<double> tape, int batch)
    {
        int h = HiddenSize;
        var pre = Workspace(ref _pre, batch * h).AsSpan(0, batch * h);
        Gemm.Multiply(x, _wIh.Value, pre, batch, InputSize, h, transposeB: true);
        Gemm.Multiply(state, _wHh.Value, pre, batch, h, h, transposeB: true, accumulate: true);
        if (_bIh is not null)
        {
            var bias = Workspace(ref _bias, h).AsSpan(0, h);
            System.Numerics.Tensors.TensorPrimitives.Add(_bIh.Value, _bHh!.Value, bias);
            for (int b = 0; b < batch; b++)
                System.Numerics.Tensors.TensorPrimitives.Add(pre.Slice(b * h, h), bias, pre.Slice(b * h, h));
        }
        ActivationMath.Apply(Activation, pre, newState);
    }

    /// <inheritdoc />
    protected override void Backward(
        ReadOnlySpan<double> x, ReadOnlySpan<double> state, ReadOnlySpan<double> newState, ReadOnlySpan<double> tape,
        ReadOnlySpan<double> dNewState, Span<double> dx, Span<double> dState, int batch)
    {
        int h = HiddenSize;
        var dz = Workspace(ref _pre, batch * h).AsSpan(0, batch * h);
        ActivationMath.Backward(Activation, newState, dNewState, dz);
        Gemm.Multiply(dz, x, _wIh.Grad, h, batch, InputSize, transposeA: true, accumulate: true);
        Gemm.Multiply(dz, state, _wHh.Grad, h, batch, h, transposeA: true, accumulate: true);
        if (_bIh is not null)
        {
            AddColumnSums(dz, _bIh.Grad, batch, h);
            AddColumnSums(dz, _bHh!.Grad, batch, h);
        }
        Gemm.Multiply(dz, _wIh.Value, dx, batch, h, InputSize);
        Gemm.Multiply(dz, _wHh.Value, dState, batch, h, h);
    }

    /// <inheritdoc />
    public override void Initialize(WeightInit scheme, NumPyRandom random) =>
        CellInitialization.Apply(Parameters, InputSize, HiddenSize, scheme, random);
}
