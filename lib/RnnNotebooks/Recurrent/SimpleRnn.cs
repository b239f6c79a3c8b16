using RnnNotebooks.Cells;
using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Random;

namespace RnnNotebooks.Recurrent;

/// <summary>A <see cref="SimpleRnnCell"/> unrolled over time: PyTorch's <c>nn.RNN</c>, Keras' <c>SimpleRNN</c>.</summary>
/// <remarks>Initialisation: PyTorch's (±1/√H) unless <paramref name="init"/> says otherwise.</remarks>
/// <param name="inputSize">Features per step.</param>
/// <param name="hiddenSize">Units.</param>
/// <param name="activation">tanh, ReLU, sigmoid or linear.</param>
/// <param name="returnSequences">Return every step's output.</param>
/// <param name="stateful">Carry the state across calls.</param>
/// <param name="bias">Include <c>bias_ih</c> and <c>bias_hh</c>.</param>
/// <param name="init">Initialisation scheme.</param>
/// <param name="random">Seeded source (seed 0 when null).</param>
/// <param name="bptt">Backpropagation rule (full when null).</param>
public class SimpleRnn(int inputSize, int hiddenSize, Activation activation = Activation.Tanh, bool returnSequences = false,
    bool stateful = false, bool bias = true, WeightInit init = WeightInit.PyTorch, NumPyRandom? random = null, Bptt? bptt = null)
    : RecurrentLayer(new SimpleRnnCell(inputSize, hiddenSize, activation, bias, init, random), returnSequences, stateful, bptt);
