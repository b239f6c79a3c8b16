using System.Runtime.CompilerServices;
using RnnNotebooks.Cells;

namespace RnnNotebooks.Recurrent;

/// <summary>The generic path: every step is the cell's own <see cref="IRecurrentCell.Step"/> and <see cref="IRecurrentCell.StepBackward"/>.</summary>
/// <remarks>
/// A cell sees one step of the whole batch at a time and never runs on two threads. Several lanes of gradient
/// through one step (window truncation) are handed to the cell as one larger batch, the step's rows repeated once
/// per lane: every lane passes through the same forward step, and the cell adds each row's parameter gradients.
/// </remarks>
internal sealed class GenericSteps(IRecurrentCell cell) : StepKernel
{
    private double[] _x = [], _state = [], _newState = [], _tape = [], _dx = [];

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(SequenceBuffers sequence, int t, RowRange rows) =>
        cell.Step(new CellStep(rows.Count, sequence.Input(t, rows), sequence.State(t, rows), sequence.State(t + 1, rows), sequence.Tape(t, rows)));

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(SequenceBuffers sequence, int t, RowRange rows, LaneGradients lanes)
    {
        var dx = sequence.InputGradient(t, rows);
        if (lanes.Count == 0)
        {
            dx.Clear();
            return;
        }
        var x = sequence.Input(t, rows);
        var state = sequence.State(t, rows);
        var newState = sequence.State(t + 1, rows);
        var tape = sequence.Tape(t, rows);
        if (lanes.Count == 1)
        {
            cell.StepBackward(new CellStep(rows.Count, x, state, newState, tape), new StepGradients(lanes.NewState, dx, lanes.State));
            return;
        }
        int copies = lanes.Count;
        var step = new CellStep(copies * rows.Count, Repeat(x, copies, ref _x), Repeat(state, copies, ref _state),
            Repeat(newState, copies, ref _newState), Repeat(tape, copies, ref _tape));
        var dxLanes = Grow(ref _dx, copies * dx.Length);
        cell.StepBackward(step, new StepGradients(lanes.NewState, dxLanes, lanes.State));
        dxLanes[..dx.Length].CopyTo(dx);
        for (int lane = 1; lane < copies; lane++)
            System.Numerics.Tensors.TensorPrimitives.Add(dx, dxLanes.Slice(lane * dx.Length, dx.Length), dx);
    }

    private static Span<double> Repeat(ReadOnlySpan<double> rows, int copies, ref double[] buffer)
    {
        var result = Grow(ref buffer, copies * rows.Length);
        for (int copy = 0; copy < copies; copy++) rows.CopyTo(result.Slice(copy * rows.Length));
        return result;
    }

    private static Span<double> Grow(ref double[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new double[length];
        return buffer.AsSpan(0, length);
    }
}
