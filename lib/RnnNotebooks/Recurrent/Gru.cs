using RnnNotebooks.Cells;
using RnnNotebooks.Init;
using RnnNotebooks.Random;

namespace RnnNotebooks.Recurrent;

/// <summary>A <see cref="GruCell"/> unrolled over time: PyTorch's <c>nn.GRU</c>, Keras' <c>GRU</c> with <c>reset_after=True</c>.</summary>
/// <remarks>Initialisation: PyTorch's (±1/√H) unless <paramref name="init"/> says otherwise.</remarks>
/// <param name="inputSize">Features per step.</param>
/// <param name="hiddenSize">Units.</param>
/// <param name="returnSequences">Return every step's output.</param>
/// <param name="stateful">Carry the state across calls.</param>
/// <param name="bias">Include the biases.</param>
/// <param name="init">Initialisation scheme.</param>
/// <param name="random">Seeded source (seed 0 when null).</param>
/// <param name="bptt">Backpropagation rule (full when null).</param>
public class Gru(int inputSize, int hiddenSize, bool returnSequences = false, bool stateful = false,
    bool bias = true, WeightInit init = WeightInit.PyTorch, NumPyRandom? random = null, Bptt? bptt = null)
    : RecurrentLayer(new GruCell(inputSize, hiddenSize, bias, init, random), returnSequences, stateful, bptt);
