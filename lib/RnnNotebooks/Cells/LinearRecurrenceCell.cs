using System.Runtime.CompilerServices;
using RnnNotebooks.Init;
using RnnNotebooks.Random;

namespace RnnNotebooks.Cells;

/// <summary>
/// The smallest recurrent cell: one scalar state updated as <c>S_k = S_{k−1}·wRec + X_k·wx</c>,
/// no bias and no nonlinearity. With wx = wRec = 1 it counts the ones in a 0/1 sequence.
/// </summary>
/// <remarks>
/// Parameters: <c>weight_ih</c> [1, 1] holds wx and <c>weight_hh</c> [1, 1] holds wRec (PyTorch's
/// names for an <c>nn.RNN(1, 1, nonlinearity=…, bias=False)</c> without the nonlinearity).
/// The state is the output. Initialisation: see <see cref="WeightInit"/>; the constructor sets
/// the two values directly instead.
/// </remarks>
public sealed class LinearRecurrenceCell : RecurrentCell
{
    private readonly Parameter _wx, _wRec;

    /// <summary>Creates the cell with the given weights.</summary>
    public LinearRecurrenceCell(double wx = 0.0, double wRec = 0.0) : base(1, 1, 1, 0)
    {
        _wx = AddParameter("weight_ih", 1, 1);
        _wRec = AddParameter("weight_hh", 1, 1);
        Wx = wx;
        WRec = wRec;
    }

    /// <summary>The input weight wx.</summary>
    public double Wx { get => _wx.Value[0]; set => _wx.Value[0] = value; }

    /// <summary>The recurrent weight wRec.</summary>
    public double WRec { get => _wRec.Value[0]; set => _wRec.Value[0] = value; }

    /// <inheritdoc />
    // Optimised on first use, like the time loop: Rprop's 500 full-batch steps are over before tiering would get here.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Step(CellStep step)
    {
        double wx = Wx, wRec = WRec;
        for (int b = 0; b < step.Batch; b++) step.NewState[b] = step.State[b] * wRec + step.X[b] * wx;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void StepBackward(CellStep step, StepGradients gradients)
    {
        double wx = Wx, wRec = WRec, gx = 0, gRec = 0;
        for (int b = 0; b < step.Batch; b++)
        {
            double d = gradients.NewState[b];
            gx += d * step.X[b];
            gRec += d * step.State[b];
            gradients.X[b] = d * wx;
            gradients.State[b] = d * wRec;
        }
        _wx.Grad[0] += gx;
        _wRec.Grad[0] += gRec;
    }

    /// <inheritdoc />
    public override void Initialize(WeightInit scheme, NumPyRandom random) =>
        CellInitialization.Apply(Parameters, InputSize, HiddenSize, scheme, random);
}
