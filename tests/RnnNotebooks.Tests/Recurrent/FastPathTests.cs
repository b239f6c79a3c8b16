using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Tests.Gradients;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>
/// Each fused fast path (<c>Recurrent/Fused/</c>) against the generic loop stepping the same cell: outputs, final and
/// carried states, and every gradient (parameters, inputs, states) agree to a relative 1e-12, for every BPTT rule,
/// many-to-one and many-to-many, stateful and not, with batches of one, a few, and enough to run on two cores.
/// </summary>
public class FastPathTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var cell in new[] { "lstm", "lstm-peephole", "lstm-nobias", "gru", "gru-nobias", "rnn-tanh", "rnn-relu", "rnn-linear", "rnn-sigmoid", "rnn-tanh-nobias" })
            foreach (var rule in new[] { "full", "detach1", "detach3", "window0", "window2", "window9" })
                cases.Add(cell, rule);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fast_path_equals_the_generic_loop(string cell, string rule)
    {
        var bptt = SequencePathTests.Rule(rule);
        foreach (int batch in new[] { 1, 3, 20 })
            foreach (bool sequences in new[] { false, true })
                foreach (bool stateful in new[] { false, true })
                    Compare(cell, bptt, batch, sequences, stateful);
    }

    /// <summary>A series (one input feature) takes the fast paths' one-pass input gradients; 40 units leave a remainder past the 32-wide strips.</summary>
    [Theory]
    [InlineData("lstm", 16)]
    [InlineData("lstm-peephole", 10)]
    [InlineData("lstm-nobias", 16)]
    [InlineData("rnn-tanh", 40)]
    [InlineData("rnn-tanh-nobias", 32)]
    [InlineData("rnn-relu", 16)]
    public void Fast_path_equals_the_generic_loop_on_a_series(string cell, int hidden)
    {
        foreach (var rule in new[] { "full", "window2" })
            foreach (int batch in new[] { 1, 20 })
                Compare(cell, SequencePathTests.Rule(rule), batch, sequences: true, stateful: false, inputs: 1, hidden: hidden);
    }

    /// <summary>One unit (seed 000's layer): W_hh, and W_ih of a series, are read untransposed, and the identity is applied in the row pass.</summary>
    [Theory]
    [InlineData("rnn-linear", 1)]
    [InlineData("rnn-linear", 3)]
    [InlineData("rnn-tanh", 1)]
    [InlineData("rnn-tanh-nobias", 2)]
    public void Fast_path_equals_the_generic_loop_with_one_unit(string cell, int inputs)
    {
        foreach (var rule in new[] { "full", "window2" })
            foreach (int batch in new[] { 1, 20 })
                foreach (bool stateful in new[] { false, true })
                    Compare(cell, SequencePathTests.Rule(rule), batch, sequences: true, stateful, inputs, hidden: 1);
    }

    private static void Compare(string name, Bptt bptt, int batch, bool sequences, bool stateful, int inputs = 3, int hidden = 16)
    {
        string where = $"{name}, {bptt}, batch {batch}, {inputs} input(s), {hidden} units, {(sequences ? "many-to-many" : "many-to-one")}{(stateful ? ", stateful" : "")}";
        var fast = new RecurrentLayer(Tests.Cells.CellGradientTests.Make(name, inputs, hidden, seed: 7), sequences, stateful, bptt);
        var generic = new RecurrentLayer(Tests.Cells.CellGradientTests.Make(name, inputs, hidden, seed: 7), sequences, stateful, bptt) { UseFastPath = false };
        Assert.True(fast.HasFastPath, $"{name} should have a fast path");
        var rng = new NumPyRandom(17);
        // A stateful layer's second call starts from the state the first one left.
        foreach (int time in stateful ? new[] { 6, 5 } : [7])
        {
            var x = TestTensors.Gaussian(rng, 1.0, batch, time, inputs);
            var g = sequences ? TestTensors.Gaussian(rng, 1.0, batch, time, hidden) : TestTensors.Gaussian(rng, 1.0, batch, hidden);
            foreach (var p in fast.Parameters.Concat(generic.Parameters)) p.ZeroGrad();
            Close(fast.Forward(x).Data, generic.Forward(x).Data, where, "output");
            Close(fast.Backward(g).Data, generic.Backward(g).Data, where, "input gradient");
            Close(fast.FinalState.Data, generic.FinalState.Data, where, "final state");
            Close(fast.InitialStateGradient.Data, generic.InitialStateGradient.Data, where, "initial state gradient");
            Close(fast.StateGradients.Data, generic.StateGradients.Data, where, "state gradients");
            for (int i = 0; i < fast.Parameters.Count; i++)
                Close(fast.Parameters[i].Grad, generic.Parameters[i].Grad, where, fast.Parameters[i].Name);
            Assert.True(fast.Parameters.Any(p => p.Grad.Any(v => v != 0)), $"{where}: no gradient reached the parameters");
        }
    }

    private static void Close(double[] actual, double[] expected, string where, string what)
    {
        double error = TestTensors.RelativeDifference(actual, expected);
        Assert.True(error < Tolerance, $"{where}: {what} differs by {error:E2} relative");
    }
}
