using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;

namespace RnnNotebooks.Experiments.BinaryAddition;

/// <summary>
/// The from-scratch network of the binary-addition post, built from library layers:
/// <c>s_t = tanh(U x_t + W s_{t−1})</c>, logits <c>o_t = V s_t</c>, no biases, every weight uniform in
/// ±√(1/fan_in) (U: fan-in 2; W, V: fan-in H), and each step's loss backpropagated two steps back.
/// </summary>
public static class AdditionNetwork
{
    /// <summary>Bits per number, and so steps per example.</summary>
    public const int Bits = 8;

    /// <summary>How far back each step's gradient flows in the source's code (<c>bptt_truncate = 2</c>).</summary>
    public const int TruncateSteps = 2;

    /// <summary>
    /// A SimpleRNN (2 → <paramref name="hiddenSize"/>, tanh, many-to-many, window BPTT of 2 steps) followed
    /// by a bias-free linear layer to two logits. Draws U, then W, then V from <paramref name="random"/>,
    /// row-major, as NumPy's <c>uniform</c> would.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The hidden size is not positive.</exception>
    public static Sequential Create(int hiddenSize, NumPyRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        return new Sequential(
            new SimpleRnn(2, hiddenSize, Activation.Tanh, returnSequences: true, bias: false,
                init: WeightInit.UniformFanIn, random: random, bptt: Bptt.Window(TruncateSteps)),
            new Dense(hiddenSize, 2, Activation.Linear, bias: false, init: WeightInit.UniformFanIn, random: random));
    }
}
