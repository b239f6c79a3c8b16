using RnnNotebooks.Data;
using RnnNotebooks.Gradients;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;

namespace RnnNotebooks.Tests.Gradients;

public class GradientFlowTests
{
    [Fact]
    public void State_gradient_norms_of_a_linear_unit_shrink_by_its_recurrent_weight_per_step()
    {
        var rnn = new SimpleRnn(1, 1, Activation.Linear, bias: false, random: new NumPyRandom(0));
        rnn.Parameters[0].Value[0] = 1.0;
        rnn.Parameters[1].Value[0] = -0.5;
        rnn.Forward(new Tensor([1.0, 2, 3, 4, 0, 1, 2, 3], 2, 4, 1));
        rnn.Backward(new Tensor([3.0, -1.0], 2, 1));

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
    }

    [Fact]
    public void Measure_refuses_a_recurrent_layer_outside_the_model()
    {
        var data = ManyToOneToy.Generate(6, 10, ToyLabelRule.SumAboveMean, seed: 2);
        var r = new NumPyRandom(4);
        var model = new Sequential(new SimpleRnn(1, 5, random: r), new Dense(5, 2, random: r));
        var ex = Assert.Throws<ArgumentException>(() =>
            GradientFlow.Measure(model, new SimpleRnn(1, 5, random: r), new SoftmaxCrossEntropy(), data.Inputs, data.Targets));
        Assert.Contains("part of the model", ex.Message);
    }
}
