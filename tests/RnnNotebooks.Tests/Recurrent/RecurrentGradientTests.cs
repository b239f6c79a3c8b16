using RnnNotebooks.Cells;
using RnnNotebooks.Gradients;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Tests.Gradients;

namespace RnnNotebooks.Tests.Recurrent;

public class RecurrentGradientTests
{
    private static RecurrentLayer Layer(string cell, bool sequences, bool stateful = false, Bptt? bptt = null, int input = 3, int hidden = 4) =>
        new(Tests.Cells.CellGradientTests.Make(cell, input, hidden), sequences, stateful, bptt);

    [Theory]
    [InlineData("linear")]
    [InlineData("rnn-tanh")]
    [InlineData("rnn-relu")]
    [InlineData("rnn-linear")]
    [InlineData("lstm")]
    [InlineData("lstm-peephole")]
    [InlineData("gru")]
    public void Many_to_one_with_dense_head_and_mse(string cell)
    {
        var layer = Layer(cell, sequences: false, input: cell == "linear" ? 1 : 3, hidden: cell == "linear" ? 1 : 4);
        var model = new Sequential(layer, new Dense(layer.Cell.HiddenSize, 2, random: new NumPyRandom(3)));
        var rng = new NumPyRandom(21);
        var x = TestTensors.Gaussian(rng, 1.0, 3, 5, layer.Cell.InputSize);
        var y = TestTensors.Gaussian(rng, 1.0, 3, 2);
        var report = GradientCheck.Run(model, new MeanSquaredError(), x, y);
        Assert.True(report.Passed(1e-6), report.ToString());
        Assert.Contains(report.Entries, e => e.Name == "0.weight_hh_l0");
        Assert.Contains(report.Entries, e => e.Name == "input");
    }

    [Theory]
    [InlineData("rnn-tanh")]
    [InlineData("lstm")]
    [InlineData("lstm-peephole")]
    [InlineData("gru")]
    public void Many_to_many_with_dense_head_and_cross_entropy(string cell)
    {
        var layer = Layer(cell, sequences: true);
        var model = new Sequential(layer, new Dense(4, 3, random: new NumPyRandom(4)));
        var rng = new NumPyRandom(22);
        var x = TestTensors.Gaussian(rng, 1.0, 2, 6, 3);
        var y = TestTensors.Classes(rng, 3, 2, 6);
        var report = GradientCheck.Run(model, new SoftmaxCrossEntropy(), x, y);
        Assert.True(report.Passed(1e-6), report.ToString());
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Stateful_second_call_gradient_treats_the_carried_state_as_a_constant(string cell)
    {
        var layer = Layer(cell, sequences: true, stateful: true);
        var model = new Sequential(layer, new Dense(4, 1, random: new NumPyRandom(5)));
        var rng = new NumPyRandom(23);
        var x1 = TestTensors.Gaussian(rng, 1.0, 2, 4, 3);
        var x2 = TestTensors.Gaussian(rng, 1.0, 2, 3, 3);
        var y2 = TestTensors.Gaussian(rng, 1.0, 2, 3, 1);
        model.Forward(x1);
        var carried = layer.CarriedState!;
        Assert.Contains(carried.Data, v => v != 0);
        var loss = new MeanSquaredError();
        double Loss()
        {
            layer.CarriedState = carried;
            return loss.Forward(model.Forward(x2), y2);
        }
        var report = GradientCheck.Run(model, Loss, () =>
        {
            Loss();
            model.Backward(loss.Backward());
        });
        Assert.True(report.Passed(1e-6), report.ToString());
    }

    [Theory]
    [InlineData("rnn-tanh")]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Stateful_calls_continue_the_sequence(string cell)
    {
        var whole = Layer(cell, sequences: true);
        var split = new RecurrentLayer(whole.Cell, returnSequences: true, stateful: true);
        var x = TestTensors.Gaussian(new NumPyRandom(24), 1.0, 2, 7, 3);
        var full = whole.Forward(x);
        var first = split.Forward(Slice(x, 0, 4));
        var second = split.Forward(Slice(x, 4, 7));
        Assert.Equal(Slice(full, 0, 4).Data, first.Data);
        Assert.Equal(Slice(full, 4, 7).Data, second.Data);
        split.ResetState();
        Assert.Equal(first.Data, split.Forward(Slice(x, 0, 4)).Data);
    }

    [Theory]
    [InlineData("lstm", 7)]
    [InlineData("lstm", 20)]
    [InlineData("gru", 7)]
    [InlineData("rnn-tanh", 9)]
    public void Detaching_every_k_at_least_the_length_is_full_bptt(string cell, int k)
    {
        var (full, _) = GradientsAndInput(cell, Bptt.Full);
        var (truncated, _) = GradientsAndInput(cell, Bptt.DetachEvery(k));
        var (shorter, _) = GradientsAndInput(cell, Bptt.DetachEvery(3));
        Assert.Equal(full, truncated);
        Assert.NotEqual(full, shorter);
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("rnn-tanh")]
    public void Window_truncation_covering_the_sequence_is_full_bptt(string cell)
    {
        var (full, dxFull) = GradientsAndInput(cell, Bptt.Full);
        var (window, dxWindow) = GradientsAndInput(cell, Bptt.Window(6));
        Assert.True(TestTensors.MaxRelativeError(window, full, 1e-12) < 1e-12);
        Assert.True(TestTensors.MaxRelativeError(dxWindow, dxFull, 1e-12) < 1e-12);
    }

    [Theory]
    [InlineData("rnn-tanh", 2)]
    [InlineData("lstm", 1)]
    [InlineData("gru", 0)]
    public void Window_truncation_sums_each_outputs_gradient_over_its_last_k_plus_one_steps(string cell, int k)
    {
        // Reference: for each step t, re-run steps t−k…t from the recorded state with full BPTT,
        // the gradient entering only at step t; the window rule is the sum of these.
        var rng = new NumPyRandom(31);
        var layer = Layer(cell, sequences: true, bptt: Bptt.Window(k));
        var x = TestTensors.Gaussian(rng, 1.0, 2, 6, 3);
        var g = TestTensors.Gaussian(rng, 1.0, 2, 6, 4);
        layer.Forward(x);
        var states = layer.States;
        foreach (var p in layer.Parameters) p.ZeroGrad();
        var dx = layer.Backward(g).Data;
        var windowGrads = layer.Parameters.SelectMany(p => p.Grad).ToArray();

        foreach (var p in layer.Parameters) p.ZeroGrad();
        var dxReference = new double[dx.Length];
        int s = layer.Cell.StateSize;
        for (int t = 0; t < 6; t++)
        {
            int start = Math.Max(0, t - k);
            var piece = new RecurrentLayer(layer.Cell, returnSequences: false)
            {
                InitialState = new Tensor([.. Enumerable.Range(0, 2).SelectMany(b => states.Data.AsSpan((b * 7 + start) * s, s).ToArray())], 2, s),
            };
            piece.Forward(Slice(x, start, t + 1));
            var gt = new Tensor(2, 4);
            for (int b = 0; b < 2; b++) for (int j = 0; j < 4; j++) gt[b, j] = g[b, t, j];
            var dPiece = piece.Backward(gt);
            for (int b = 0; b < 2; b++)
                for (int u = start; u <= t; u++)
                    for (int i = 0; i < 3; i++) dxReference[(b * 6 + u) * 3 + i] += dPiece[b, u - start, i];
        }
        var referenceGrads = layer.Parameters.SelectMany(p => p.Grad).ToArray();
        Assert.True(TestTensors.MaxRelativeError(windowGrads, referenceGrads, 1e-12) < 1e-12);
        Assert.True(TestTensors.MaxRelativeError(dx, dxReference, 1e-12) < 1e-12);
        var (full, _) = GradientsAndInput(cell, Bptt.Full);
        Assert.NotEqual(full, GradientsAndInput(cell, Bptt.Window(k)).Grads);
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("rnn-relu")]
    public void Initial_state_gradient_matches_central_differences(string cell)
    {
        var rng = new NumPyRandom(41);
        var layer = Layer(cell, sequences: false);
        var x = TestTensors.Gaussian(rng, 1.0, 2, 4, 3);
        var h0 = TestTensors.Gaussian(rng, 0.5, 2, layer.Cell.StateSize);
        var g = TestTensors.Gaussian(rng, 1.0, 2, 4);
        layer.InitialState = h0;
        double Loss()
        {
            var y = layer.Forward(x);
            double sum = 0;
            for (int i = 0; i < y.Length; i++) sum += g.Data[i] * y.Data[i];
            return sum;
        }
        Loss();
        layer.Backward(g);
        var analytic = layer.InitialStateGradient.Data;
        for (int i = 0; i < h0.Length; i++)
        {
            double numeric = GradientCheck.NumericalDerivative(h0.Data, i, Loss);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-6 * Math.Max(Math.Abs(numeric), 1e-3), $"entry {i}: {analytic[i]} vs {numeric}");
        }
    }

    [Fact]
    public void Linear_recurrence_state_gradients_scale_by_wRec_per_step_back()
    {
        const double wRec = 1.3;
        var layer = new LinearRecurrence(wx: 0.9, wRec: wRec);
        var x = TestTensors.Gaussian(new NumPyRandom(2), 1.0, 1, 6, 1);
        layer.Forward(x);
        layer.Backward(new Tensor([1.0], 1, 1));
        var grads = layer.StateGradients;   // [1, 7, 1]
        for (int k = 0; k <= 6; k++)
            Assert.Equal(Math.Pow(wRec, 6 - k), grads[0, k, 0], 12);
    }

    [Fact]
    public void Final_state_is_the_last_state_and_the_many_to_one_output_is_its_h()
    {
        var layer = Layer("lstm", sequences: false);
        var y = layer.Forward(TestTensors.Gaussian(new NumPyRandom(3), 1.0, 2, 5, 3));
        var final = layer.FinalState;
        Assert.Equal([2, 8], final.Shape);
        for (int b = 0; b < 2; b++)
            for (int j = 0; j < 4; j++) Assert.Equal(final[b, j], y[b, j]);
    }

    private static (double[] Grads, double[] Input) GradientsAndInput(string cell, Bptt bptt)
    {
        var layer = Layer(cell, sequences: true, bptt: bptt);
        var rng = new NumPyRandom(25);
        var x = TestTensors.Gaussian(rng, 1.0, 2, 7, 3);
        var g = TestTensors.Gaussian(rng, 1.0, 2, 7, 4);
        layer.Forward(x);
        var dx = layer.Backward(g);
        return ([.. layer.Parameters.SelectMany(p => p.Grad)], dx.Data);
    }

    internal static Tensor Slice(Tensor x, int from, int to)
    {
        int b = x.Shape[0], t = x.Shape[1], f = x.Shape[2];
        var result = new Tensor(b, to - from, f);
        for (int i = 0; i < b; i++)
            Array.Copy(x.Data, (i * t + from) * f, result.Data, i * (to - from) * f, (to - from) * f);
        return result;
    }
}
