using RnnNotebooks.Cells;
using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Random;

namespace RnnNotebooks.Recurrent;

/// <summary>A <see cref="SimpleRnnCell"/> unrolled over time: PyTorch's <c>nn.RNN</c>, Keras' <c>SimpleRNN</c>.</summary>
/// <remarks>Initialisation: PyTorch's (±1/√H) unless <paramref name="init"/> says otherwise.</remarks>
/// <param name="inputSize">Features per step.</param>
/// <param name="hiddenSize">Units.</param>
/// <param name="activation">tanh, ReLU or linear.</param>
/// <param name="returnSequences">Return every step's output.</param>
/// <param name="stateful">Carry the state across calls.</param>
/// <param name="bias">Include <c>bias_ih</c> and <c>bias_hh</c>.</param>
/// <param name="init">Initialisation scheme.</param>
/// <param name="random">Seeded source (seed 0 when null).</param>
/// <param name="bptt">Backpropagation rule (full when null).</param>
public class SimpleRnn(int inputSize, int hiddenSize, Activation activation = Activation.Tanh, bool returnSequences = false,
    bool stateful = false, bool bias = true, WeightInit init = WeightInit.PyTorch, NumPyRandom? random = null, Bptt? bptt = null)
    : RecurrentLayer(new SimpleRnnCell(inputSize, hiddenSize, activation, bias, init, random), returnSequences, stateful, bptt);

/// <summary>An <see cref="LstmCell"/> unrolled over time: PyTorch's <c>nn.LSTM</c> (plus optional peepholes), Keras' <c>LSTM</c>.</summary>
/// <remarks>Initialisation: PyTorch's (±1/√H) unless <paramref name="init"/> says otherwise; <see cref="WeightInit.Keras"/> for Keras' defaults.</remarks>
/// <param name="inputSize">Features per step.</param>
/// <param name="hiddenSize">Units.</param>
/// <param name="returnSequences">Return every step's output.</param>
/// <param name="stateful">Carry the state across calls.</param>
/// <param name="peepholes">Let the gates see the cell state.</param>
/// <param name="bias">Include the biases.</param>
/// <param name="init">Initialisation scheme.</param>
/// <param name="random">Seeded source (seed 0 when null).</param>
/// <param name="bptt">Backpropagation rule (full when null).</param>
public class Lstm(int inputSize, int hiddenSize, bool returnSequences = false, bool stateful = false, bool peepholes = false,
    bool bias = true, WeightInit init = WeightInit.PyTorch, NumPyRandom? random = null, Bptt? bptt = null)
    : RecurrentLayer(new LstmCell(inputSize, hiddenSize, peepholes, bias, init, random), returnSequences, stateful, bptt);

/// <summary>A <see cref="GruCell"/> unrolled over time: PyTorch's <c>nn.GRU</c>.</summary>
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

/// <summary>A <see cref="LinearRecurrenceCell"/> unrolled over time: <c>S_k = S_{k−1}·wRec + X_k·wx</c>, output S_n (or every S_k).</summary>
/// <param name="wx">Input weight.</param>
/// <param name="wRec">Recurrent weight.</param>
/// <param name="returnSequences">Return every state rather than the last.</param>
/// <param name="bptt">Backpropagation rule (full when null).</param>
public class LinearRecurrence(double wx = 0.0, double wRec = 0.0, bool returnSequences = false, Bptt? bptt = null)
    : RecurrentLayer(new LinearRecurrenceCell(wx, wRec), returnSequences, stateful: false, bptt);
