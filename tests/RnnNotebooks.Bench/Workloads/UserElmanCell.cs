using RnnNotebooks.Cells;
using RnnNotebooks.Numerics;

namespace RnnNotebooks.Bench.Workloads;

/// <summary>
/// An Elman cell, <c>h′ = tanh(x·W_ihᵀ + h·W_hhᵀ + b)</c>, written as a user would write one against the public cell
/// contract and the public <see cref="Gemm"/>: the library knows nothing of it, so it runs on the generic time loop.
/// </summary>
public sealed class UserElmanCell(int inputSize, int hiddenSize) : IRecurrentCell
{
    private double[] _z = [];

    /// <summary>W_ih, <c>[H, I]</c>.</summary>
    public Parameter WeightIh { get; } = new("weight_ih", hiddenSize, inputSize);

    /// <summary>W_hh, <c>[H, H]</c>.</summary>
    public Parameter WeightHh { get; } = new("weight_hh", hiddenSize, hiddenSize);

    /// <summary>b, <c>[H]</c>.</summary>
    public Parameter Bias { get; } = new("bias_ih", hiddenSize);

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => [WeightIh, WeightHh, Bias];

    /// <inheritdoc />
    public int InputSize => inputSize;

    /// <inheritdoc />
    public int HiddenSize => hiddenSize;

    /// <inheritdoc />
    public int StateSize => hiddenSize;

    /// <inheritdoc />
    public int TapeSize => 0;

    /// <inheritdoc />
    public void Step(CellStep step)
    {
        int n = hiddenSize;
        Gemm.Multiply(step.X, WeightIh.Value, step.NewState, step.Batch, inputSize, n, transposeB: true);
        Gemm.Multiply(step.State, WeightHh.Value, step.NewState, step.Batch, n, n, transposeB: true, accumulate: true);
        for (int i = 0; i < step.NewState.Length; i++) step.NewState[i] = Math.Tanh(step.NewState[i] + Bias.Value[i % n]);
    }

    /// <inheritdoc />
    public void StepBackward(CellStep step, StepGradients gradients)
    {
        int n = hiddenSize, batch = step.Batch;
        if (_z.Length < batch * n) _z = new double[batch * n];
        var dz = _z.AsSpan(0, batch * n);
        for (int i = 0; i < dz.Length; i++) dz[i] = gradients.NewState[i] * (1 - step.NewState[i] * step.NewState[i]);
        Gemm.Multiply(dz, step.X, WeightIh.Grad, n, batch, inputSize, transposeA: true, accumulate: true);
        Gemm.Multiply(dz, step.State, WeightHh.Grad, n, batch, n, transposeA: true, accumulate: true);
        for (int i = 0; i < dz.Length; i++) Bias.Grad[i % n] += dz[i];
        Gemm.Multiply(dz, WeightIh.Value, gradients.X, batch, n, inputSize);
        Gemm.Multiply(dz, WeightHh.Value, gradients.State, batch, n, n);
    }
}
