namespace RnnNotebooks.Cells;

/// <summary>
/// One step of a recurrent network with explicit state: <c>Step(x, state) → newState</c>, whose
/// first <see cref="HiddenSize"/> values per example are the output <c>h</c>, plus the step's
/// backward pass. A <see cref="Recurrent.RecurrentLayer"/> unrolls any cell over time.
/// </summary>
/// <remarks>
/// <para>Batched buffers are row-major: <c>x</c> is <c>[batch, InputSize]</c>, a state is
/// <c>[batch, StateSize]</c> with each row laid out as the cell documents (an LSTM row is
/// <c>[h, c]</c>), and the tape is <c>[batch, TapeSize]</c>: what the step keeps for its backward
/// pass (activated gates, say). The span methods do not allocate; the cell keeps its own
/// workspaces, grown only when a larger batch arrives.</para>
/// <para>The array methods (<see cref="InitialState()"/>, <see cref="Step(double[], double[])"/>)
/// are the friendly face for one example at a time, for teaching and inspection.</para>
/// </remarks>
public interface IRecurrentCell : IModule
{
    /// <summary>Features per input vector.</summary>
    int InputSize { get; }

    /// <summary>Size of the output <c>h</c>, the first part of the state.</summary>
    int HiddenSize { get; }

    /// <summary>Values per example in the state (<see cref="HiddenSize"/>, or 2·H for an LSTM's <c>[h, c]</c>).</summary>
    int StateSize { get; }

    /// <summary>Values per example the forward step stores for the backward step.</summary>
    int TapeSize { get; }

    /// <summary>Writes the initial state (zeros for every built-in cell) for <paramref name="batch"/> examples.</summary>
    void InitialState(Span<double> state, int batch);

    /// <summary>
    /// Forward step for a batch: reads <paramref name="x"/> <c>[batch, InputSize]</c> and
    /// <paramref name="state"/> <c>[batch, StateSize]</c>, writes <paramref name="newState"/>
    /// and fills <paramref name="tape"/> <c>[batch, TapeSize]</c>.
    /// </summary>
    void Step(ReadOnlySpan<double> x, ReadOnlySpan<double> state, Span<double> newState, Span<double> tape, int batch);

    /// <summary>
    /// Backward step: given the same <paramref name="x"/>, <paramref name="state"/>,
    /// <paramref name="newState"/> and <paramref name="tape"/> as the forward step and
    /// dLoss/dNewState, adds the parameter gradients into <see cref="Parameter.Grad"/> and
    /// writes (overwrites) dLoss/dx and dLoss/dState.
    /// </summary>
    void StepBackward(
        ReadOnlySpan<double> x, ReadOnlySpan<double> state, ReadOnlySpan<double> newState, ReadOnlySpan<double> tape,
        ReadOnlySpan<double> newStateGradient, Span<double> inputGradient, Span<double> stateGradient, int batch);

    /// <summary>The initial state for one example, <c>[StateSize]</c>.</summary>
    double[] InitialState();

    /// <summary>One step for one example: returns the output <c>h</c> and the new state.</summary>
    (double[] Output, double[] NewState) Step(double[] x, double[] state);
}
