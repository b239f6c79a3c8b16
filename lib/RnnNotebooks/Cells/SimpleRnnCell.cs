using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Numerics;
using RnnNotebooks.Random;

namespace RnnNotebooks.Cells;

/// <summary>
/// The Elman cell: <c>h′ = f(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)</c> with f tanh, ReLU, sigmoid or the identity
/// (PyTorch's <c>nn.RNNCell</c>; Keras' <c>SimpleRNNCell</c>). The state is <c>h</c>.
/// </summary>
/// <remarks>
/// Parameters: <c>weight_ih</c> [H, I] (W_xh), <c>weight_hh</c> [H, H] (W_hh), and unless
/// <c>bias: false</c>, <c>bias_ih</c> [H] and <c>bias_hh</c> [H]. Default initialisation: PyTorch's,
/// uniform in ±1/√H (see <see cref="WeightInit"/>). The backward step needs no tape: f′ is computed from h′.
/// </remarks>
public sealed class SimpleRnnCell : RecurrentCell
{
    private readonly Parameter _wIh, _wHh;
    private readonly Parameter? _bIh, _bHh;
    private double[]? _z;

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

    /// <summary>W_ih, <c>[H, I]</c>.</summary>
    public Parameter WeightIh => _wIh;

    /// <summary>W_hh, <c>[H, H]</c>.</summary>
    public Parameter WeightHh => _wHh;

    /// <summary>b_ih, <c>[H]</c>, or null.</summary>
    public Parameter? BiasIh => _bIh;

    /// <summary>b_hh, <c>[H]</c>, or null.</summary>
    public Parameter? BiasHh => _bHh;

    /// <inheritdoc />
    public override void Step(CellStep step)
    {
        int batch = step.Batch, n = HiddenSize;
        var z = Workspace(ref _z, batch * n);
        // z = x·W_ihᵀ + h·W_hhᵀ + b_ih + b_hh
        Gemm.Multiply(step.X, _wIh.Value, z, batch, InputSize, n, transposeB: true);
        Gemm.Multiply(step.State, _wHh.Value, z, batch, n, n, transposeB: true, accumulate: true);
        if (_bIh is not null)
            for (int b = 0; b < batch; b++)
                for (int j = 0; j < n; j++) z[b * n + j] += _bIh.Value[j] + _bHh!.Value[j];
        // h′ = f(z)
        ActivationMath.Apply(Activation, z, step.NewState);
    }

    /// <inheritdoc />
    public override void StepBackward(CellStep step, StepGradients gradients)
    {
        int batch = step.Batch, n = HiddenSize;
        var dz = Workspace(ref _z, batch * n);
        // dz = dh′ ⊙ f′, from h′
        ActivationMath.Backward(Activation, step.NewState, gradients.NewState, dz);
        // dW_ih += dzᵀ·x, dW_hh += dzᵀ·h, db += Σ dz
        Gemm.Multiply(dz, step.X, _wIh.Grad, n, batch, InputSize, transposeA: true, accumulate: true);
        Gemm.Multiply(dz, step.State, _wHh.Grad, n, batch, n, transposeA: true, accumulate: true);
        if (_bIh is not null)
        {
            AddColumnSums(dz, _bIh.Grad, batch, n);
            AddColumnSums(dz, _bHh!.Grad, batch, n);
        }
        // dx = dz·W_ih, dh = dz·W_hh
        Gemm.Multiply(dz, _wIh.Value, gradients.X, batch, n, InputSize);
        Gemm.Multiply(dz, _wHh.Value, gradients.State, batch, n, n);
    }

    /// <inheritdoc />
    public override void Initialize(WeightInit scheme, NumPyRandom random) =>
        CellInitialization.Apply(Parameters, InputSize, HiddenSize, scheme, random);
}
