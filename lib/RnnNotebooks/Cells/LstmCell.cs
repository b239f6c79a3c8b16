using RnnNotebooks.Init;
using RnnNotebooks.Numerics;
using RnnNotebooks.Random;

namespace RnnNotebooks.Cells;

/// <summary>
/// The long short-term memory cell in PyTorch's formulation and gate order (i, f, g, o), with
/// optional peephole connections:
/// <code>
/// [a_i a_f a_g a_o] = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh
/// i = σ(a_i + w_ci ⊙ c),  f = σ(a_f + w_cf ⊙ c),  g = tanh(a_g)
/// c′ = f ⊙ c + i ⊙ g
/// o = σ(a_o + w_co ⊙ c′), h′ = o ⊙ tanh(c′)
/// </code>
/// Without peepholes the <c>w_c·</c> terms vanish and this is <c>nn.LSTMCell</c> exactly.
/// </summary>
/// <remarks>
/// <para>State per example: <c>[h, c]</c> (2·H values). Tape per example: <c>[i, f, g, o, tanh c′]</c> (5·H).
/// Parameters: <c>weight_ih</c> [4H, I], <c>weight_hh</c> [4H, H], <c>bias_ih</c> [4H], <c>bias_hh</c> [4H],
/// and with peepholes <c>weight_ci</c>, <c>weight_cf</c>, <c>weight_co</c> [H]. Default initialisation:
/// PyTorch's, uniform in ±1/√H; <see cref="WeightInit.Keras"/> gives Glorot/orthogonal/forget-bias 1.</para>
/// <para>This file is the LSTM's definition, one unit at a time. <see cref="Recurrent.RecurrentLayer"/> runs
/// whole sequences through the fused kernel in <c>Recurrent/Fused/FusedLstm.cs</c>, which is tested equal to it.</para>
/// </remarks>
public sealed class LstmCell : RecurrentCell
{
    private readonly Parameter _wIh, _wHh;
    private readonly Parameter? _bIh, _bHh, _wCi, _wCf, _wCo;
    private double[]? _a;

    /// <summary>Creates the cell and draws its weights by <paramref name="init"/> from <paramref name="random"/> (seed 0 when null).</summary>
    public LstmCell(int inputSize, int hiddenSize, bool peepholes = false, bool bias = true,
        WeightInit init = WeightInit.PyTorch, NumPyRandom? random = null)
        : base(inputSize, hiddenSize, 2 * hiddenSize, 5 * hiddenSize)
    {
        _wIh = AddParameter("weight_ih", 4 * hiddenSize, inputSize);
        _wHh = AddParameter("weight_hh", 4 * hiddenSize, hiddenSize);
        if (bias)
        {
            _bIh = AddParameter("bias_ih", 4 * hiddenSize);
            _bHh = AddParameter("bias_hh", 4 * hiddenSize);
        }
        if (peepholes)
        {
            _wCi = AddParameter("weight_ci", hiddenSize);
            _wCf = AddParameter("weight_cf", hiddenSize);
            _wCo = AddParameter("weight_co", hiddenSize);
        }
        Initialize(init, random ?? new NumPyRandom(0));
    }

    /// <summary>Whether the gates see the cell state (peephole connections).</summary>
    public bool Peepholes => _wCi is not null;

    /// <summary>Whether the cell has the two bias vectors.</summary>
    public bool HasBias => _bIh is not null;

    /// <summary>W_ih, <c>[4H, I]</c>, gate blocks i, f, g, o.</summary>
    public Parameter WeightIh => _wIh;

    /// <summary>W_hh, <c>[4H, H]</c>.</summary>
    public Parameter WeightHh => _wHh;

    /// <summary>b_ih, <c>[4H]</c>, or null.</summary>
    public Parameter? BiasIh => _bIh;

    /// <summary>b_hh, <c>[4H]</c>, or null.</summary>
    public Parameter? BiasHh => _bHh;

    /// <summary>The peephole weights w_ci, w_cf, w_co, <c>[H]</c> each, or nulls.</summary>
    public (Parameter Ci, Parameter Cf, Parameter Co)? PeepholeWeights => _wCi is null ? null : (_wCi, _wCf!, _wCo!);

    /// <inheritdoc />
    public override void Step(CellStep step)
    {
        int batch = step.Batch, n = HiddenSize;
        var a = Workspace(ref _a, batch * 4 * n);
        PreActivations(step, a);
        for (int b = 0; b < batch; b++)
        {
            var row = a.Slice(b * 4 * n, 4 * n);
            var c = step.State.Slice(b * 2 * n + n, n);
            var hNew = step.NewState.Slice(b * 2 * n, n);
            var cNew = step.NewState.Slice(b * 2 * n + n, n);
            var tape = step.Tape.Slice(b * 5 * n, 5 * n);
            for (int j = 0; j < n; j++)
            {
                double i = Sigmoid(row[j] + Peephole(_wCi, j) * c[j]);
                double f = Sigmoid(row[n + j] + Peephole(_wCf, j) * c[j]);
                double g = Math.Tanh(row[2 * n + j]);
                cNew[j] = f * c[j] + i * g;
                double o = Sigmoid(row[3 * n + j] + Peephole(_wCo, j) * cNew[j]);
                double tanhC = Math.Tanh(cNew[j]);
                hNew[j] = o * tanhC;
                tape[j] = i;
                tape[n + j] = f;
                tape[2 * n + j] = g;
                tape[3 * n + j] = o;
                tape[4 * n + j] = tanhC;
            }
        }
    }

    /// <inheritdoc />
    public override void StepBackward(CellStep step, StepGradients gradients)
    {
        int batch = step.Batch, n = HiddenSize;
        var da = Workspace(ref _a, batch * 4 * n);
        for (int b = 0; b < batch; b++)
        {
            var tape = step.Tape.Slice(b * 5 * n, 5 * n);
            var c = step.State.Slice(b * 2 * n + n, n);
            var cNew = step.NewState.Slice(b * 2 * n + n, n);
            var dhNew = gradients.NewState.Slice(b * 2 * n, n);
            var dcNew = gradients.NewState.Slice(b * 2 * n + n, n);
            var dc = gradients.State.Slice(b * 2 * n + n, n);
            var row = da.Slice(b * 4 * n, 4 * n);
            for (int j = 0; j < n; j++)
            {
                double i = tape[j], f = tape[n + j], g = tape[2 * n + j], o = tape[3 * n + j], tanhC = tape[4 * n + j];
                // h′ = o ⊙ tanh c′
                double dao = dhNew[j] * tanhC * o * (1 - o);
                double dcTotal = dcNew[j] + dhNew[j] * o * (1 - tanhC * tanhC) + dao * Peephole(_wCo, j);
                // c′ = f ⊙ c + i ⊙ g
                double dai = dcTotal * g * i * (1 - i);
                double daf = dcTotal * c[j] * f * (1 - f);
                double dag = dcTotal * i * (1 - g * g);
                dc[j] = dcTotal * f + dai * Peephole(_wCi, j) + daf * Peephole(_wCf, j);
                if (_wCi is not null)
                {
                    _wCi.Grad[j] += dai * c[j];
                    _wCf!.Grad[j] += daf * c[j];
                    _wCo!.Grad[j] += dao * cNew[j];
                }
                row[j] = dai;
                row[n + j] = daf;
                row[2 * n + j] = dag;
                row[3 * n + j] = dao;
            }
        }
        var dA = Matrix.Of(da, batch, 4 * n);
        var h = Matrix.Of(step.State, batch, n, rowStride: 2 * n);
        // dW_ih += dAᵀ·x, dW_hh += dAᵀ·h, db += Σ dA
        Gemm.Multiply(dA.Transposed, Matrix.Of(step.X, batch, InputSize), Matrix.Writable(_wIh.Grad, 4 * n, InputSize), accumulate: true);
        Gemm.Multiply(dA.Transposed, h, Matrix.Writable(_wHh.Grad, 4 * n, n), accumulate: true);
        if (_bIh is not null)
        {
            AddColumnSums(da, _bIh.Grad, batch, 4 * n);
            AddColumnSums(da, _bHh!.Grad, batch, 4 * n);
        }
        // dx = dA·W_ih; dh = dA·W_hh (the h half of each dState row)
        Gemm.Multiply(dA, Matrix.Of(_wIh.Value, 4 * n, InputSize), Matrix.Writable(gradients.X, batch, InputSize), accumulate: false);
        Gemm.Multiply(dA, Matrix.Of(_wHh.Value, 4 * n, n), Matrix.Writable(gradients.State, batch, n, rowStride: 2 * n), accumulate: false);
    }

    /// <summary>[a_i a_f a_g a_o] = x·W_ihᵀ + h·W_hhᵀ + b_ih + b_hh for every row.</summary>
    private void PreActivations(CellStep step, Span<double> a)
    {
        int batch = step.Batch, n = HiddenSize;
        var gates = Matrix.Writable(a, batch, 4 * n);
        Gemm.Multiply(Matrix.Of(step.X, batch, InputSize), Matrix.Of(_wIh.Value, 4 * n, InputSize).Transposed, gates, accumulate: false);
        Gemm.Multiply(Matrix.Of(step.State, batch, n, rowStride: 2 * n), Matrix.Of(_wHh.Value, 4 * n, n).Transposed, gates, accumulate: true);
        if (_bIh is null) return;
        for (int b = 0; b < batch; b++)
            for (int j = 0; j < 4 * n; j++) a[b * 4 * n + j] += _bIh.Value[j] + _bHh!.Value[j];
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Peephole(Parameter? weights, int j) => weights is null ? 0 : weights.Value[j];

    /// <inheritdoc />
    public override void Initialize(WeightInit scheme, NumPyRandom random) =>
        CellInitialization.Apply(Parameters, InputSize, HiddenSize, scheme, random, forgetGate: 1);
}
