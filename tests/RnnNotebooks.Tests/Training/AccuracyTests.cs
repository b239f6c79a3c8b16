using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Trainers;

public class AccuracyTests
{
    [Fact]
    public void Counts_argmax_hits_for_class_indices()
    {
        var metric = new Accuracy();
        metric.Update(new Tensor([0.1, 0.9, 0.8, 0.2, 0.3, 0.7], 3, 2), new Tensor([1, 0, 0], 3));
        Assert.Equal(2.0 / 3, metric.Result, 1e-15);
        metric.Update(new Tensor([5, 1], 1, 2), new Tensor([0], 1, 1));
        Assert.Equal(3.0 / 4, metric.Result, 1e-15);
        metric.Reset();
        Assert.True(double.IsNaN(metric.Result));
    }

    [Fact]
    public void Counts_every_time_step_of_sequence_predictions()
    {
        var metric = new Accuracy();
        // [B=1, T=3, C=2] against [1, 3].
        metric.Update(new Tensor([0, 1, 1, 0, 0, 1], 1, 3, 2), new Tensor([1, 1, 1], 1, 3));
        Assert.Equal(2.0 / 3, metric.Result, 1e-15);
    }

    [Fact]
    public void Reads_one_hot_targets_and_single_probability_columns()
    {
        var oneHot = new Accuracy();
        oneHot.Update(new Tensor([0.2, 0.5, 0.3, 0.6, 0.3, 0.1], 2, 3), new Tensor([0, 1, 0, 0, 0, 1], 2, 3));
        Assert.Equal(0.5, oneHot.Result);
        var binary = new Accuracy();
        binary.Update(new Tensor([0.7, 0.2, 0.4], 3, 1), new Tensor([1, 0, 1], 3, 1));
        Assert.Equal(2.0 / 3, binary.Result, 1e-15);
    }

    [Fact]
    public void Rejects_targets_of_the_wrong_size_naming_both_shapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Accuracy().Update(new Tensor(4, 3), new Tensor(5)));
        Assert.Contains("[4, 3]", ex.Message);
        Assert.Contains("[5]", ex.Message);
    }
}
