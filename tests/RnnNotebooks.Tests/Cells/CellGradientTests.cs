using RnnNotebooks.Cells;
using RnnNotebooks.Gradients;
using RnnNotebooks.Layers;
using RnnNotebooks.Random;
using RnnNotebooks.Tests.Gradients;

namespace RnnNotebooks.Tests.Cells;

public class CellGradientTests
{
    public static TheoryData<string> CellNames => new()
    {
        "linear", "rnn-tanh", "rnn-relu", "rnn-linear", "rnn-sigmoid", "rnn-tanh-nobias", "lstm", "lstm-peephole", "lstm-nobias", "gru", "gru-nobias",
    };

    internal static RecurrentCell Make(string name, int inputSize = 3, int hidden = 4, uint seed = 11) => name switch
    {
        "linear" => new LinearRecurrenceCell(0.7, -1.3),
        "rnn-tanh" => new SimpleRnnCell(inputSize, hidden, Activation.Tanh, random: new NumPyRandom(seed)),
        "rnn-relu" => new SimpleRnnCell(inputSize, hidden, Activation.Relu, random: new NumPyRandom(seed)),
        "rnn-linear" => new SimpleRnnCell(inputSize, hidden, Activation.Linear, random: new NumPyRandom(seed)),
        "rnn-sigmoid" => new SimpleRnnCell(inputSize, hidden, Activation.Sigmoid, random: new NumPyRandom(seed)),
        "rnn-tanh-nobias" => new SimpleRnnCell(inputSize, hidden, Activation.Tanh, bias: false, random: new NumPyRandom(seed)),
        "lstm" => new LstmCell(inputSize, hidden, random: new NumPyRandom(seed)),
        "lstm-peephole" => new LstmCell(inputSize, hidden, peepholes: true, random: new NumPyRandom(seed)),
        "lstm-nobias" => new LstmCell(inputSize, hidden, bias: false, random: new NumPyRandom(seed)),
        "gru" => new GruCell(inputSize, hidden, random: new NumPyRandom(seed)),
        "gru-nobias" => new GruCell(inputSize, hidden, bias: false, random: new NumPyRandom(seed)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(CellNames))]
    public void StepBackward_matches_central_differences_for_parameters_input_and_state(string name)
    {
        var cell = Make(name);
        const int batch = 3;
        var rng = new NumPyRandom(5);
        var x = TestTensors.Gaussian(rng, 1.0, batch, cell.InputSize).Data;
        var state = TestTensors.Gaussian(rng, 0.8, batch, cell.StateSize).Data;
        var weights = TestTensors.Gaussian(rng, 1.0, batch, cell.StateSize).Data;
        var newState = new double[batch * cell.StateSize];
        var tape = new double[batch * cell.TapeSize];
        var dx = new double[x.Length];
        var dState = new double[state.Length];

        // A nonlinear scalar of the new state: Σ w ⊙ s′ + ½ Σ s′², so dL/ds′ = w + s′.
        double Loss()
        {
            cell.Step(new CellStep(cell, batch, x, state, newState, tape));
            double sum = 0;
            for (int i = 0; i < newState.Length; i++) sum += weights[i] * newState[i] + 0.5 * newState[i] * newState[i];
            return sum;
        }
        void Gradients()
        {
            Loss();
            var dNew = new double[newState.Length];
            for (int i = 0; i < dNew.Length; i++) dNew[i] = weights[i] + newState[i];
            cell.StepBackward(new CellStep(cell, batch, x, state, newState, tape), new StepGradients(cell, batch, dNew, dx, dState));
        }

        var report = GradientCheck.Run(cell, Loss, Gradients);
        Assert.True(report.Passed(1e-6), report.ToString());
        Assert.True(Check(x, dx, Loss) < 1e-6, $"dx relative error {Check(x, dx, Loss):E2}");
        Assert.True(Check(state, dState, Loss) < 1e-6, $"dState relative error {Check(state, dState, Loss):E2}");
    }

    private static double Check(double[] values, double[] analytic, Func<double> loss)
    {
        double max = 0;
        var copy = (double[])analytic.Clone();
        for (int i = 0; i < values.Length; i++)
        {
            double numeric = GradientCheck.NumericalDerivative(values, i, loss);
            max = Math.Max(max, Math.Abs(numeric - copy[i]) / Math.Max(Math.Max(Math.Abs(numeric), Math.Abs(copy[i])), 1e-6));
        }
        return max;
    }

    [Theory]
    [MemberData(nameof(CellNames))]
    public void Batched_step_equals_one_example_at_a_time(string name)
    {
        var cell = Make(name);
        const int batch = 4;
        var rng = new NumPyRandom(9);
        var x = TestTensors.Gaussian(rng, 1.0, batch, cell.InputSize).Data;
        var state = TestTensors.Gaussian(rng, 0.5, batch, cell.StateSize).Data;
        var newState = new double[batch * cell.StateSize];
        cell.Step(new CellStep(cell, batch, x, state, newState, new double[batch * cell.TapeSize]));
        for (int b = 0; b < batch; b++)
        {
            var (output, single) = cell.Step(x[(b * cell.InputSize)..((b + 1) * cell.InputSize)], state[(b * cell.StateSize)..((b + 1) * cell.StateSize)]);
            // Same equations; summation order inside the product may differ by batch size, so allow rounding.
            Assert.True(TestTensors.MaxRelativeError(single, newState.AsSpan(b * cell.StateSize, cell.StateSize), 1e-12) < 1e-13);
            Assert.Equal(single[..cell.HiddenSize], output);
        }
    }

    [Fact]
    public void Linear_recurrence_step_is_state_times_wRec_plus_input_times_wx()
    {
        var cell = new LinearRecurrenceCell(wx: 0.25, wRec: 1.5);
        var (output, state) = cell.Step([2.0], [3.0]);
        Assert.Equal(3.0 * 1.5 + 2.0 * 0.25, output[0]);
        Assert.Equal(output, state);
        Assert.Equal([0.0], cell.InitialState());
    }

    [Fact]
    public void Lstm_state_is_h_then_c_and_starts_at_zero()
    {
        var cell = new LstmCell(2, 3);
        Assert.Equal(6, cell.StateSize);
        Assert.All(cell.InitialState(), v => Assert.Equal(0.0, v));
        var (h, state) = cell.Step([0.3, -0.2], cell.InitialState());
        // h = o ⊙ tanh(c) elementwise, so |h| < |tanh(c)| unless both vanish.
        for (int j = 0; j < 3; j++) Assert.True(Math.Abs(h[j]) <= Math.Abs(Math.Tanh(state[3 + j])));
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("rnn-tanh")]
    public void Wrong_input_or_state_width_names_expected_and_actual(string name)
    {
        var cell = Make(name, inputSize: 3);
        var ex = Assert.Throws<ArgumentException>(() => cell.Step(new double[2], cell.InitialState()));
        Assert.Contains("3", ex.Message);
        Assert.Contains("got 2", ex.Message);
        var ex2 = Assert.Throws<ArgumentException>(() => cell.Step(new double[3], new double[cell.StateSize + 1]));
        Assert.Contains($"{cell.StateSize}", ex2.Message);
        Assert.Contains($"got {cell.StateSize + 1}", ex2.Message);
    }
}
