namespace RnnNotebooks.Cells;

/// <summary>
/// One step of a recurrent network with explicit state, and that step's backward pass: the whole
/// contract between a cell and <see cref="Recurrent.RecurrentLayer"/>, which unrolls any cell over
/// time, carries state across calls and applies the backpropagation-through-time rule.
/// </summary>
/// <remarks>
/// <para>A cell sees one time step of a batch at a time (<see cref="CellStep"/>). Its state per example
/// is <see cref="StateSize"/> values whose first <see cref="HiddenSize"/> are the output <c>h</c> (an LSTM
/// row is <c>[h, c]</c>). Every state starts at zero unless the layer is given one.</para>
/// <para><see cref="Step"/> reads <c>x</c> and the state and writes the new state, and may keep up to
/// <see cref="TapeSize"/> values per example (activated gates, say) on the tape for the backward step.
/// <see cref="StepBackward"/> receives the same step (inputs, states and tape as the forward step left
/// them) and dLoss/dNewState, adds the parameters' gradients into <see cref="Parameter.Grad"/> and writes
/// dLoss/dx and dLoss/dState. A cell holds no sequence and no loop over time.</para>
/// <para>Built-in cells are also <see cref="RecurrentCell"/>s; some have fused whole-sequence kernels that
/// the layer uses instead of calling the step (see <see cref="Recurrent.RecurrentLayer.UseFastPath"/>),
/// proven equal to stepping.</para>
/// </remarks>
public interface IRecurrentCell : IModule
{
    /// <summary>Features per input vector.</summary>
    int InputSize { get; }

    /// <summary>Size of the output <c>h</c>, the first part of the state.</summary>
    int HiddenSize { get; }

    /// <summary>Values per example in the state (<see cref="HiddenSize"/>, or 2·H for an LSTM's <c>[h, c]</c>).</summary>
    int StateSize { get; }

    /// <summary>Values per example the forward step keeps for the backward step (0 when it needs none).</summary>
    int TapeSize { get; }

    /// <summary>Forward step for a batch: reads <see cref="CellStep.X"/> and <see cref="CellStep.State"/>, writes <see cref="CellStep.NewState"/> and <see cref="CellStep.Tape"/>.</summary>
    void Step(CellStep step);

    /// <summary>
    /// Backward step: given the forward <paramref name="step"/> and <see cref="StepGradients.NewState"/>
    /// (dLoss/dNewState), adds the parameter gradients into <see cref="Parameter.Grad"/> and overwrites
    /// <see cref="StepGradients.X"/> (dLoss/dx) and <see cref="StepGradients.State"/> (dLoss/dState).
    /// </summary>
    void StepBackward(CellStep step, StepGradients gradients);
}
