using RnnNotebooks.Cells;

namespace RnnNotebooks.Recurrent;

/// <summary>A <see cref="LinearRecurrenceCell"/> unrolled over time: <c>S_k = S_{k−1}·wRec + X_k·wx</c>, output S_n (or every S_k).</summary>
/// <param name="wx">Input weight.</param>
/// <param name="wRec">Recurrent weight.</param>
/// <param name="returnSequences">Return every state rather than the last.</param>
/// <param name="bptt">Backpropagation rule (full when null).</param>
public class LinearRecurrence(double wx = 0.0, double wRec = 0.0, bool returnSequences = false, Bptt? bptt = null)
    : RecurrentLayer(new LinearRecurrenceCell(wx, wRec), returnSequences, stateful: false, bptt);
