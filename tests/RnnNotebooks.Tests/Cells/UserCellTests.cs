using RnnNotebooks.Cells;
using RnnNotebooks.Gradients;
using RnnNotebooks.Losses;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Tests.Gradients;

namespace RnnNotebooks.Tests.Cells;

/// <summary>A cell written against the public contract alone, as a notebook reader would write one, runs in the layer.</summary>
public class UserCellTests
{
    /// <summary><c>s′ = s·wRec + x·wx</c> with a bias on x, written from scratch: sizes, parameters, a step and its backward.</summary>
    private sealed class ShiftedLinearCell : IRecurrentCell
    {
        public Parameter Wx { get; } = new("weight_ih", 1, 1);
        public Parameter WRec { get; } = new("weight_hh", 1, 1);
        public Parameter Bias { get; } = new("bias_ih", 1);
        public IReadOnlyList<Parameter> Parameters => [Wx, WRec, Bias];
        public int InputSize => 1;
        public int HiddenSize => 1;
        public int StateSize => 1;
        public int TapeSize => 0;

        public void Step(CellStep step)
        {
            for (int b = 0; b < step.Batch; b++)
                step.NewState[b] = step.State[b] * WRec.Value[0] + (step.X[b] + Bias.Value[0]) * Wx.Value[0];
        }

        public void StepBackward(CellStep step, StepGradients gradients)
        {
            for (int b = 0; b < step.Batch; b++)
            {
                double d = gradients.NewState[b];
                Wx.Grad[0] += d * (step.X[b] + Bias.Value[0]);
                WRec.Grad[0] += d * step.State[b];
                Bias.Grad[0] += d * Wx.Value[0];
                gradients.X[b] = d * Wx.Value[0];
                gradients.State[b] = d * WRec.Value[0];
            }
        }
    }

    [Theory]
    [InlineData("full")]
    [InlineData("detach2")]
    [InlineData("window1")]
    public void A_cell_written_from_the_contract_trains_through_every_bptt_rule(string rule)
    {
        var cell = new ShiftedLinearCell();
        cell.Wx.Value[0] = 0.7;
        cell.WRec.Value[0] = 0.9;
        cell.Bias.Value[0] = 0.1;
        var layer = new RecurrentLayer(cell, returnSequences: true, bptt: Tests.Recurrent.SequencePathTests.Rule(rule));
        Assert.False(layer.HasFastPath);
        var rng = new NumPyRandom(3);
        var x = TestTensors.Gaussian(rng, 1.0, 2, 5, 1);
        var y = TestTensors.Gaussian(rng, 1.0, 2, 5, 1);
        // Full BPTT's gradient is the true one; the truncated rules are checked against the oracle instead.
        if (rule == "full")
        {
            var report = GradientCheck.Run(layer, new MeanSquaredError(), x, y);
            Assert.True(report.Passed(1e-7), report.ToString());
        }
        var loss = new MeanSquaredError();
        foreach (var p in cell.Parameters) p.ZeroGrad();
        loss.Forward(layer.Forward(x), y);
        layer.Backward(loss.Backward());
        Assert.All(cell.Parameters, p => Assert.NotEqual(0.0, p.Grad[0]));
    }

    [Fact]
    public void Its_steps_match_the_built_in_linear_recurrence_when_the_bias_is_zero()
    {
        var cell = new ShiftedLinearCell();
        cell.Wx.Value[0] = 0.25;
        cell.WRec.Value[0] = 1.5;
        var x = TestTensors.Gaussian(new NumPyRandom(4), 1.0, 3, 6, 1);
        var ours = new RecurrentLayer(cell, returnSequences: true).Forward(x);
        var builtIn = new LinearRecurrence(0.25, 1.5, returnSequences: true).Forward(x);
        Assert.Equal(builtIn.Data, ours.Data);
        var (output, state) = cell.Step([2.0], cell.InitialState());
        Assert.Equal([0.5], output);
        Assert.Equal([0.5], state);
    }

    [Fact]
    public void A_step_over_spans_too_short_for_the_batch_names_what_was_expected()
    {
        var cell = new LstmCell(3, 2);
        var error = Assert.Throws<ArgumentException>(() =>
            new CellStep(cell, 2, new double[6], new double[7], new double[8], new double[20]));
        Assert.Equal("state", error.ParamName);
        Assert.Contains("batch × StateSize = 2 × 4 = 8 values; got 7", error.Message);
        var gradientError = Assert.Throws<ArgumentException>(() =>
            new StepGradients(cell, 2, new double[8], new double[5], new double[8]));
        Assert.Contains("batch × InputSize = 2 × 3 = 6 values; got 5", gradientError.Message);
    }
}
