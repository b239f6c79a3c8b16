using RnnNotebooks.Init;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;

namespace RnnNotebooks.Tests.Init;

/// <summary>Keras's defaults on every recurrent layer notebook 05 compares, built through the public layer API.</summary>
public class KerasLayerInitTests
{
    public static TheoryData<string, int> Layers => new() { { "SimpleRNN", 1 }, { "LSTM", 4 }, { "peephole LSTM", 4 }, { "GRU", 3 } };

    private static RecurrentLayer Build(string name, NumPyRandom random) => name switch
    {
        "SimpleRNN" => new SimpleRnn(1, 32, init: WeightInit.Keras, random: random),
        "LSTM" => new Lstm(1, 32, init: WeightInit.Keras, random: random),
        "peephole LSTM" => new Lstm(1, 32, peepholes: true, init: WeightInit.Keras, random: random),
        _ => new Gru(1, 32, init: WeightInit.Keras, random: random),
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Recurrent_weights_are_orthogonal_input_weights_glorot_and_biases_zero_except_the_forget_gate(string name, int gates)
    {
        var byName = Build(name, new NumPyRandom(4)).Parameters.ToDictionary(p => p.Name);
        var wHh = byName["weight_hh"];
        Assert.Equal([gates * 32, 32], wHh.Shape);
        var gram = wHh.ToMatrix().TransposeThisAndMultiply(wHh.ToMatrix());
        for (int i = 0; i < 32; i++)
            for (int j = 0; j < 32; j++) Assert.Equal(i == j ? 1.0 : 0.0, gram[i, j], 10);
        double glorot = Math.Sqrt(6.0 / (1 + gates * 32));
        Assert.All(byName["weight_ih"].Value, v => Assert.InRange(v, -glorot, glorot));
        Assert.All(byName["bias_hh"].Value, v => Assert.Equal(0.0, v));
        var bIh = byName["bias_ih"].Value;
        for (int k = 0; k < bIh.Length; k++)
            Assert.Equal(gates == 4 && k / 32 == 1 ? 1.0 : 0.0, bIh[k]);   // forget gate (i, f, g, o) starts at 1
        Assert.Equal(name == "peephole LSTM", byName.ContainsKey("weight_ci"));
    }
}
