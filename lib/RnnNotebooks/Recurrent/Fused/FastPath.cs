using RnnNotebooks.Cells;

namespace RnnNotebooks.Recurrent.Fused;

/// <summary>The one place that picks a fused kernel for a cell.</summary>
/// <remarks>
/// Like Keras's <c>RNN</c> trying <c>backend.lstm</c> before its generic loop: a built-in cell (the cells are sealed)
/// gets its fused kernel; any other cell is stepped through its own methods by
/// <see cref="GenericSteps"/>. Each fused kernel is tested equal to stepping its cell, for every BPTT rule.
/// </remarks>
internal static class FastPath
{
    /// <summary>The fused kernel for <paramref name="cell"/>, or null when the generic loop must step it.</summary>
    public static StepKernel? For(IRecurrentCell cell) => cell switch
    {
        LstmCell lstm => new FusedLstm(lstm),
        GruCell gru => new FusedGru(gru),
        SimpleRnnCell rnn => new FusedSimpleRnn(rnn),
        _ => null,
    };
}
