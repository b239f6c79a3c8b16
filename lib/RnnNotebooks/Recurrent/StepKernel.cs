namespace RnnNotebooks.Recurrent;

/// <summary>
/// How a cell's steps are computed when <see cref="TimeLoop"/> unrolls it: <see cref="GenericSteps"/> calls the
/// cell's own <see cref="Cells.IRecurrentCell.Step"/> and <see cref="Cells.IRecurrentCell.StepBackward"/>; a fused
/// kernel (<c>Fused/</c>) computes the same numbers with work batched across steps and rows. The time loop owns the
/// order of the steps and every truncation rule; a kernel only computes the step it is handed.
/// </summary>
/// <remarks>
/// Call order: <see cref="BeginForward"/>, then for each part of the batch <see cref="Forward"/> for t = 0 … T − 1;
/// for the backward pass <see cref="BeginBackward"/>, for each part <see cref="Backward"/> for t = T − 1 … 0 then
/// <see cref="EndBackward"/>, and last <see cref="FinishBackward"/>. Parts run concurrently, so per-part methods
/// write only their own rows and their own part's workspaces.
/// </remarks>
internal abstract class StepKernel
{
    /// <summary>Into how many independent parts (1 or 2) the batch may be split; a function of the shapes only, so results never depend on the machine.</summary>
    public virtual int Parts(int batch) => 1;

    /// <summary>Work done once per forward pass before the first step (transposing weights, summing biases).</summary>
    public virtual void BeginForward(SequenceBuffers sequence) { }

    /// <summary>Step <paramref name="t"/> for <paramref name="rows"/>: the state after the step and its tape, from its input and the state before.</summary>
    public abstract void Forward(SequenceBuffers sequence, int t, RowRange rows);

    /// <summary>Work done once per backward pass before the last step.</summary>
    public virtual void BeginBackward(SequenceBuffers sequence) { }

    /// <summary>
    /// The backward step <paramref name="t"/> for <paramref name="rows"/>: from each lane's dLoss/dNewState, the lane's
    /// dLoss/dState, and the step's share of the parameter gradients and of dLoss/dx (summed over lanes) — either now, or
    /// kept until <see cref="EndBackward"/>.
    /// </summary>
    public abstract void Backward(SequenceBuffers sequence, int t, RowRange rows, LaneGradients lanes);

    /// <summary>After a part's first step: whatever the part kept, batched over its steps. Its input gradients are final afterwards.</summary>
    public virtual void EndBackward(SequenceBuffers sequence, RowRange rows) { }

    /// <summary>After every part: parameter gradients the parts kept apart are added to the parameters.</summary>
    public virtual void FinishBackward(SequenceBuffers sequence) { }
}
