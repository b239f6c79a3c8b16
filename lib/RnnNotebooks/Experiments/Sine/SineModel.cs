using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;

namespace RnnNotebooks.Experiments.Sine;

/// <summary>
/// The sine model of seed 001, <c>RNN(units) → Dense(1, tanh)</c>, with Keras's default initialisation
/// (Glorot-uniform input weights, orthogonal recurrent weights, zero biases, forget-gate bias 1).
/// </summary>
public static class SineModel
{
    /// <summary>Builds the model around <paramref name="cell"/>, drawing the recurrent weights first, then the dense ones.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown cell, or units not positive.</exception>
    public static Sequential Create(SineCell cell, NumPyRandom random, int units = 32)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        ILayer recurrent = cell switch
        {
            SineCell.SimpleRnn => new SimpleRnn(1, units, Activation.Tanh, init: WeightInit.Keras, random: random),
            SineCell.Lstm => new Lstm(1, units, init: WeightInit.Keras, random: random),
            SineCell.PeepholeLstm => new Lstm(1, units, peepholes: true, init: WeightInit.Keras, random: random),
            SineCell.Gru => new Gru(1, units, init: WeightInit.Keras, random: random),
            _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, "Unknown cell."),
        };
        return new Sequential(recurrent, new Dense(units, 1, Activation.Tanh, init: WeightInit.Keras, random: random));
    }
}
