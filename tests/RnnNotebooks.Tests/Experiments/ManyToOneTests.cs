using RnnNotebooks.Data;
using RnnNotebooks.Experiments.ManyToOne;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;

namespace RnnNotebooks.Tests.Experiments;

public class ManyToOneTests
{
    [Fact]
    public void State_gradient_norms_of_a_linear_unit_shrink_by_its_recurrent_weight_per_step()
    {
        var rnn = new SimpleRnn(1, 1, Activation.Linear, bias: false, random: new NumPyRandom(0));
        rnn.Parameters[0].Value[0] = 1.0;
        rnn.Parameters[1].Value[0] = -0.5;
        var x = new Tensor([1.0, 2, 3, 4, 0, 1, 2, 3], 2, 4, 1);
        var y = rnn.Forward(x);
        var dy = new Tensor([3.0, -1.0], 2, 1);
        rnn.Backward(dy);
        double[] norms = GradientFlow.StateGradientNorms(rnn);
        // At the last step the mean of |3| and |−1| is 2; each step back multiplies by |wRec| = 0.5.
        Assert.Equal([0.25, 0.5, 1.0, 2.0], norms.Select(v => Math.Round(v, 12)).ToArray());
    }

    [Fact]
    public void Measure_leaves_parameter_gradients_at_zero_and_matches_a_manual_pass()
    {
        var data = ManyToOneToy.Generate(6, 10, ToyLabelRule.SumAboveMean, seed: 2);
        var r = new NumPyRandom(4);
        var rnn = new SimpleRnn(1, 5, Activation.Tanh, random: r);
        var model = new Sequential(rnn, new Dense(5, 2, random: r));
        double[] measured = GradientFlow.Measure(model, rnn, new SoftmaxCrossEntropy(), data.Inputs, data.Targets);
        Assert.All(model.Parameters, p => Assert.All(p.Grad, g => Assert.Equal(0.0, g)));
        var loss = new SoftmaxCrossEntropy();
        loss.Forward(model.Forward(data.Inputs), data.Targets);
        model.Backward(loss.Backward());
        Assert.Equal(GradientFlow.StateGradientNorms(rnn), measured);
        Assert.Equal(10, measured.Length);
        Assert.Throws<ArgumentException>(() =>
            GradientFlow.Measure(model, new SimpleRnn(1, 5, random: r), new SoftmaxCrossEntropy(), data.Inputs, data.Targets));
    }

    [Fact]
    public void Standardize_maps_zero_to_five_onto_minus_one_to_one_without_touching_the_source()
    {
        var data = ManyToOneToy.Generate(20, 10, ToyLabelRule.SumAboveMean, seed: 1);
        var scaled = InputScaling.Standardize(data, 2.5, 2.5);
        for (int i = 0; i < data.Inputs.Length; i++)
            Assert.Equal((data.Inputs.Data[i] - 2.5) / 2.5, scaled.Inputs.Data[i], 15);
        Assert.InRange(data.Inputs.Data.Max(), 0, 5);
        Assert.Same(data.Targets, scaled.Targets);
        Assert.Throws<ArgumentOutOfRangeException>(() => InputScaling.Standardize(data, 0, 0));
    }
}
