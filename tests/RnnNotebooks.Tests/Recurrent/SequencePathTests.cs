using RnnNotebooks.Cells;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Tests.Gradients;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>
/// The layer runs built-in cells through whole-sequence kernels (one input projection for all steps, parameter
/// gradients in one product, truncation lanes, a batch split over two cores). These tests hold them to a plain
/// step-by-step unroll over the cell's public one-step API, written out here independently.
/// </summary>
public class SequencePathTests
{
    private sealed record Reference(double[] Output, double[] InputGradient, double[] InitialStateGradient, double[][] ParameterGradients);

    /// <summary>Unrolls with <see cref="IRecurrentCell.Step(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double}, int)"/> and its backward, batch-major tensors in and out.</summary>
    private static Reference Unroll(IRecurrentCell cell, Tensor input, Tensor outputGradient, bool sequences, Bptt bptt)
    {
        int batch = input.Shape[0], time = input.Shape[1], inSize = cell.InputSize, h = cell.HiddenSize, s = cell.StateSize, tp = cell.TapeSize;
        var xs = new double[time][];
        var states = new double[time + 1][];
        var tapes = new double[time][];
        for (int t = 0; t < time; t++)
        {
            xs[t] = new double[batch * inSize];
            for (int b = 0; b < batch; b++) Array.Copy(input.Data, (b * time + t) * inSize, xs[t], b * inSize, inSize);
        }
        states[0] = new double[batch * s];
        cell.InitialState(states[0], batch);
        for (int t = 0; t < time; t++)
        {
            states[t + 1] = new double[batch * s];
            tapes[t] = new double[batch * tp];
            cell.Step(xs[t], states[t], states[t + 1], tapes[t], batch);
        }
        double[] OutputGradient(int t)
        {
            var d = new double[batch * s];
            if (!sequences && t != time - 1) return d;
            for (int b = 0; b < batch; b++)
                for (int j = 0; j < h; j++)
                    d[b * s + j] = sequences ? outputGradient.Data[(b * time + t) * h + j] : outputGradient.Data[b * h + j];
            return d;
        }

        foreach (var p in cell.Parameters) p.ZeroGrad();
        var dxs = new double[time][];
        for (int t = 0; t < time; t++) dxs[t] = new double[batch * inSize];
        var dStart = new double[batch * s];
        var dx = new double[batch * inSize];
        // Every output's gradient walks back on its own: through all steps, to its chunk's start, or k steps.
        for (int t = sequences ? 0 : time - 1; t < time; t++)
        {
            int stop = bptt.Kind switch
            {
                BpttKind.Full => 0,
                BpttKind.DetachEvery => t / bptt.Steps * bptt.Steps,
                _ => Math.Max(0, t - bptt.Steps),
            };
            var d = OutputGradient(t);
            for (int j = t; j >= stop; j--)
            {
                var previous = new double[batch * s];
                cell.StepBackward(xs[j], states[j], states[j + 1], tapes[j], d, dx, previous, batch);
                for (int i = 0; i < dx.Length; i++) dxs[j][i] += dx[i];
                d = previous;
            }
            if (stop == 0)
                for (int i = 0; i < d.Length; i++) dStart[i] += d[i];
        }

        var output = new double[sequences ? batch * time * h : batch * h];
        var inputGradient = new double[batch * time * inSize];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < time; t++)
            {
                if (sequences) Array.Copy(states[t + 1], b * s, output, (b * time + t) * h, h);
                Array.Copy(dxs[t], b * inSize, inputGradient, (b * time + t) * inSize, inSize);
            }
        if (!sequences)
            for (int b = 0; b < batch; b++) Array.Copy(states[time], b * s, output, b * h, h);
        return new Reference(output, inputGradient, dStart, [.. cell.Parameters.Select(p => (double[])p.Grad.Clone())]);
    }

    public static TheoryData<string, int, int, bool, string> Cases => new()
    {
        // LSTM with a batch large enough to be split over two cores, hidden 16 (two vectors of gates).
        { "lstm", 20, 16, false, "full" },
        { "lstm", 20, 16, true, "full" },
        { "lstm", 33, 16, true, "detach3" },
        { "lstm", 20, 19, true, "full" },
        { "lstm-nobias", 18, 16, false, "full" },
        { "lstm-peephole", 20, 16, true, "full" },
        { "lstm", 1, 5, true, "full" },
        { "rnn-tanh", 3, 16, true, "window2" },
        { "rnn-tanh", 1, 16, true, "window2" },
        { "rnn-tanh", 2, 5, false, "window3" },
        { "rnn-relu", 4, 6, true, "window0" },
        { "rnn-tanh-nobias", 1, 16, true, "window9" },
        { "rnn-linear", 3, 4, true, "detach2" },
        { "gru", 17, 16, true, "window2" },
        { "gru", 17, 16, true, "full" },
    };

    /// <summary>A cell the layer knows nothing about: it must fall back to the public step API.</summary>
    private sealed class ForeignCell(IRecurrentCell inner) : IRecurrentCell
    {
        public IReadOnlyList<Parameter> Parameters => inner.Parameters;
        public int InputSize => inner.InputSize;
        public int HiddenSize => inner.HiddenSize;
        public int StateSize => inner.StateSize;
        public int TapeSize => inner.TapeSize;
        public void InitialState(Span<double> state, int batch) => inner.InitialState(state, batch);
        public void Step(ReadOnlySpan<double> x, ReadOnlySpan<double> state, Span<double> newState, Span<double> tape, int batch) =>
            inner.Step(x, state, newState, tape, batch);
        public void StepBackward(ReadOnlySpan<double> x, ReadOnlySpan<double> state, ReadOnlySpan<double> newState, ReadOnlySpan<double> tape,
            ReadOnlySpan<double> newStateGradient, Span<double> inputGradient, Span<double> stateGradient, int batch) =>
            inner.StepBackward(x, state, newState, tape, newStateGradient, inputGradient, stateGradient, batch);
        public double[] InitialState() => inner.InitialState();
        public (double[] Output, double[] NewState) Step(double[] x, double[] state) => inner.Step(x, state);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Layer_matches_a_step_by_step_unroll(string name, int batch, int hidden, bool sequences, string rule) =>
        Compare(name, batch, hidden, sequences, rule, foreign: false);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Layer_over_a_foreign_cell_matches_a_step_by_step_unroll(string name, int batch, int hidden, bool sequences, string rule) =>
        Compare(name, batch, hidden, sequences, rule, foreign: true);

    private static void Compare(string name, int batch, int hidden, bool sequences, string rule, bool foreign)
    {
        const int time = 7;
        Bptt bptt = rule switch
        {
            "full" => Bptt.Full,
            _ when rule.StartsWith("detach") => Bptt.DetachEvery(int.Parse(rule[6..])),
            _ => Bptt.Window(int.Parse(rule[6..])),
        };
        var reference = Tests.Cells.CellGradientTests.Make(name, 3, hidden, seed: 41);
        var builtIn = Tests.Cells.CellGradientTests.Make(name, 3, hidden, seed: 41);
        IRecurrentCell cell = foreign ? new ForeignCell(builtIn) : builtIn;
        var rng = new NumPyRandom(42);
        var x = TestTensors.Gaussian(rng, 1.0, batch, time, 3);
        var g = sequences ? TestTensors.Gaussian(rng, 1.0, batch, time, hidden) : TestTensors.Gaussian(rng, 1.0, batch, hidden);
        var expected = Unroll(reference, x, g, sequences, bptt);

        var layer = new RecurrentLayer(cell, sequences, bptt: bptt);
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
        double error = TestTensors.MaxRelativeError(actual, expected);
        Assert.True(error < 1e-10, $"{what}: max relative error {error:E2}");
    }
}
