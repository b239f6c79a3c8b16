using RnnNotebooks.Gradients;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Serialization;
using RnnNotebooks.Tests.Gradients;

namespace RnnNotebooks.Tests.Layers;

public class LayerTests
{
    [Theory]
    [InlineData(Activation.Linear, false)]
    [InlineData(Activation.Tanh, false)]
    [InlineData(Activation.Sigmoid, false)]
    [InlineData(Activation.Relu, false)]
    [InlineData(Activation.Tanh, true)]
    [InlineData(Activation.Relu, true)]
    public void Dense_gradients_match_central_differences(Activation activation, bool sequence)
    {
        var dense = new Dense(4, 3, activation, random: new NumPyRandom(8));
        var rng = new NumPyRandom(12);
        var x = sequence ? TestTensors.Gaussian(rng, 1.0, 2, 3, 4) : TestTensors.Gaussian(rng, 1.0, 5, 4);
        var y = sequence ? TestTensors.Gaussian(rng, 1.0, 2, 3, 3) : TestTensors.Gaussian(rng, 1.0, 5, 3);
        var report = GradientCheck.Run(dense, new MeanSquaredError(), x, y);
        Assert.True(report.Passed(1e-6), report.ToString());
        Assert.Equal(["weight", "bias", "input"], report.Entries.Select(e => e.Name));
    }

    [Fact]
    public void Dense_computes_x_times_weight_transposed_plus_bias()
    {
        var dense = new Dense(2, 2, Activation.Tanh);
        Array.Copy(new[] { 1.0, 2.0, -0.5, 0.25 }, dense.Weight.Value, 4);
        Array.Copy(new[] { 0.1, -0.2 }, dense.Bias!.Value, 2);
        var y = dense.Forward(new Tensor([0.3, -0.4], 1, 2));
        Assert.Equal(Math.Tanh(0.3 * 1.0 + -0.4 * 2.0 + 0.1), y[0, 0], 15);
        Assert.Equal(Math.Tanh(0.3 * -0.5 + -0.4 * 0.25 - 0.2), y[0, 1], 15);
    }

    [Fact]
    public void Dense_wrong_width_names_expected_and_actual()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dense(4, 1).Forward(new Tensor(2, 3)));
        Assert.Contains("expects 4 input features", ex.Message);
        Assert.Contains("got 3", ex.Message);
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_survive_huge_logits()
    {
        var y = new Softmax().Forward(new Tensor([1000.0, 1001.0, 999.0, -3.0, 0.0, 3.0], 2, 3));
        Assert.Equal(1.0, y[0, 0] + y[0, 1] + y[0, 2], 14);
        Assert.Equal(1.0, y[1, 0] + y[1, 1] + y[1, 2], 14);
        Assert.Equal(Math.Exp(1) / (1 + Math.Exp(1) + Math.Exp(-1)), y[0, 1], 14);
    }

    [Fact]
    public void Softmax_gradient_matches_central_differences()
    {
        var rng = new NumPyRandom(13);
        var report = GradientCheck.Run(new Softmax(), new MeanSquaredError(), TestTensors.Gaussian(rng, 2.0, 3, 2, 4), TestTensors.Gaussian(rng, 1.0, 3, 2, 4));
        Assert.True(report.Passed(1e-6), report.ToString());
    }

    [Fact]
    public void Sequential_keys_follow_pytorch_state_dict_names()
    {
        var model = new Sequential(new Lstm(1, 3, peepholes: true), new Dense(3, 1));
        Assert.Equal(
            ["0.weight_ih_l0", "0.weight_hh_l0", "0.bias_ih_l0", "0.bias_hh_l0", "0.weight_ci_l0", "0.weight_cf_l0", "0.weight_co_l0", "1.weight", "1.bias"],
            StateDict.Of(model).Select(np => np.Name));
        Assert.Equal(model.Parameters, StateDict.Of(model).Select(np => np.Parameter));
    }

    [Fact]
    public void Sequential_gradient_through_rnn_softmax_matches_central_differences()
    {
        var rng = new NumPyRandom(14);
        var model = new Sequential(new SimpleRnn(2, 3, returnSequences: true, random: rng), new Dense(3, 2, random: rng), new Softmax());
        var report = GradientCheck.Run(model, new MeanSquaredError(Reduction.Sum), TestTensors.Gaussian(rng, 1.0, 2, 3, 2), TestTensors.Gaussian(rng, 1.0, 2, 3, 2));
        Assert.True(report.Passed(1e-6), report.ToString());
    }
}
