using RnnNotebooks.Cells;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Tests.Gradients;
using RnnNotebooks.Tests.Recurrent.Oracle;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>
/// The layer against an independent oracle (<see cref="ReferenceUnroll"/>): each cell's equations written out one
/// scalar at a time and differentiated automatically, each BPTT rule built as the graph it describes. It runs through
/// the fused fast path, through the generic loop stepping the built-in cell, and through the generic loop over a cell
/// type the library does not know, so a wrong gate in a kernel, in a cell's step or in the loop's truncation fails here.
/// </summary>
public class SequencePathTests
{
    public static TheoryData<string, int, int, bool, string> Cases => new()
    {
        // LSTM with a batch large enough to be split over two cores, hidden 16 (two vectors of gates).
        { "lstm", 20, 16, false, "full" },
        { "lstm", 20, 16, true, "full" },
        { "lstm", 33, 16, true, "detach3" },
        { "lstm", 20, 19, true, "window2" },
        { "lstm-nobias", 18, 16, false, "full" },
        { "lstm-peephole", 20, 16, true, "full" },
        { "lstm-peephole", 3, 5, true, "window1" },
        { "lstm", 1, 5, true, "full" },
        { "rnn-tanh", 3, 16, true, "window2" },
        { "rnn-tanh", 1, 16, true, "window2" },
        { "rnn-tanh", 2, 5, false, "window3" },
        { "rnn-tanh", 20, 16, true, "detach2" },
        { "rnn-relu", 4, 6, true, "window0" },
        { "rnn-sigmoid", 3, 4, false, "full" },
        { "rnn-tanh-nobias", 1, 16, true, "window9" },
        { "rnn-linear", 3, 4, true, "detach2" },
        { "gru", 17, 16, true, "window2" },
        { "gru", 17, 16, true, "full" },
        { "gru-nobias", 4, 5, false, "detach3" },
        { "linear", 3, 1, true, "window1" },
    };

    public enum Path { FastPath, GenericLoop, ForeignCell }

    /// <summary>A cell type the layer knows nothing about: it can only be stepped through its public methods.</summary>
    private sealed class ForeignCell(IRecurrentCell inner) : IRecurrentCell
    {
        public IReadOnlyList<Parameter> Parameters => inner.Parameters;
        public int InputSize => inner.InputSize;
        public int HiddenSize => inner.HiddenSize;
        public int StateSize => inner.StateSize;
        public int TapeSize => inner.TapeSize;
        public void Step(CellStep step) => inner.Step(step);
        public void StepBackward(CellStep step, StepGradients gradients) => inner.StepBackward(step, gradients);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fast_path_matches_the_oracle(string name, int batch, int hidden, bool sequences, string rule) =>
        Compare(name, batch, hidden, sequences, rule, Path.FastPath);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generic_loop_stepping_the_cell_matches_the_oracle(string name, int batch, int hidden, bool sequences, string rule) =>
        Compare(name, batch, hidden, sequences, rule, Path.GenericLoop);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generic_loop_over_a_foreign_cell_matches_the_oracle(string name, int batch, int hidden, bool sequences, string rule) =>
        Compare(name, batch, hidden, sequences, rule, Path.ForeignCell);

    internal static Bptt Rule(string rule) => rule switch
    {
        "full" => Bptt.Full,
        _ when rule.StartsWith("detach", StringComparison.Ordinal) => Bptt.DetachEvery(int.Parse(rule[6..])),
        _ => Bptt.Window(int.Parse(rule[6..])),
    };

    private static void Compare(string name, int batch, int hidden, bool sequences, string rule, Path path)
    {
        const int time = 7;
        var bptt = Rule(rule);
        int inputs = name == "linear" ? 1 : 3;
        var builtIn = Tests.Cells.CellGradientTests.Make(name, inputs, hidden, seed: 41);
        IRecurrentCell cell = path == Path.ForeignCell ? new ForeignCell(builtIn) : builtIn;
        var rng = new NumPyRandom(42);
        var x = TestTensors.Gaussian(rng, 1.0, batch, time, inputs);
        var g = sequences ? TestTensors.Gaussian(rng, 1.0, batch, time, hidden) : TestTensors.Gaussian(rng, 1.0, batch, hidden);
        var start = TestTensors.Gaussian(rng, 0.5, batch, cell.StateSize);
        var expected = ReferenceUnroll.Run(name, cell, x, g, sequences, bptt, start);

        var layer = new RecurrentLayer(cell, sequences, bptt: bptt) { InitialState = start, UseFastPath = path == Path.FastPath };
        Assert.Equal(path == Path.FastPath && name != "linear", layer.HasFastPath && layer.UseFastPath);
        foreach (var p in cell.Parameters) p.ZeroGrad();
        var output = layer.Forward(x);
        var dx = layer.Backward(g);

        Close(output.Data, expected.Output, "output");
        Close(dx.Data, expected.InputGradient, "input gradient");
        Close(layer.InitialStateGradient.Data, expected.InitialStateGradient, "initial state gradient");
        for (int i = 0; i < cell.Parameters.Count; i++)
            Close(cell.Parameters[i].Grad, expected.ParameterGradients[i], cell.Parameters[i].Name);
    }

    private static void Close(double[] actual, double[] expected, string what)
    {
        double error = TestTensors.RelativeDifference(actual, expected);
        Assert.True(error < 1e-11, $"{what}: relative difference {error:E2}");
    }
}
