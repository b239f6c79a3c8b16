using RnnNotebooks.Data;

namespace RnnNotebooks.Tests.Datasets;

public class DatasetTests
{
    private static Dataset Numbered(int n, int features = 3)
    {
        var x = new Tensor(n, features);
        var y = new Tensor(n, 1);
        for (int i = 0; i < n; i++)
        {
            for (int f = 0; f < features; f++) x[i, f] = i * 10 + f;
            y[i, 0] = i;
        }
        return new Dataset(x, y);
    }

    [Fact]
    public void An_empty_dataset_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dataset(new Tensor(0, 3), new Tensor(0, 1)));
        Assert.Contains("non-empty", ex.Message);
        Assert.Contains("[0, 3]", ex.Message);
        Assert.Throws<ArgumentException>(() => Dataset.FromRows([], []));
    }

    [Fact]
    public void Mismatched_sample_counts_name_both()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dataset(new Tensor(20, 10, 1), new Tensor(19, 1)));
        Assert.Contains("20 samples", ex.Message);
        Assert.Contains("19", ex.Message);
    }

    [Fact]
    public void Ragged_rows_are_rejected_naming_the_row_and_lengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => Dataset.FromRows([[1, 2, 3], [4, 5]], [[0], [1]]));
        Assert.Contains("row 1 has 2", ex.Message);
        Assert.Contains("3 values", ex.Message);
    }

    [Fact]
    public void Batches_reuse_their_tensors_and_keep_the_last_partial_batch()
    {
        var data = Numbered(10);
        var batcher = data.Batches(4);
        Assert.Equal(3, batcher.BatchCount);
        Assert.Equal(2, batcher.LastBatchSize);
        int[] order = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
        var (x0, y0) = batcher.Fill(order, 0);
        Assert.Equal([9, 8, 7, 6], y0.Data);
        Assert.Equal([90, 91, 92], x0.Data[..3]);
        var (x1, _) = batcher.Fill(order, 1);
        Assert.Same(x0, x1);
        var (x2, y2) = batcher.Fill(order, 2);
        Assert.Equal([2, 3], x2.Shape);
        Assert.Equal([1, 0], y2.Data);
        Assert.Throws<ArgumentOutOfRangeException>(() => batcher.Fill(order, 3));
        Assert.Throws<ArgumentException>(() => batcher.Fill(order.AsSpan(1), 0));
    }

    [Fact]
    public void Split_with_a_seed_is_reproducible_and_partitions_the_samples()
    {
        var data = Numbered(10);
        var (a, b) = data.Split(0.7, seed: 4);
        var (c, _) = data.Split(0.7, seed: 4);
        Assert.Equal(7, a.Count);
        Assert.Equal(3, b.Count);
        Assert.Equal(a.Targets.Data, c.Targets.Data);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (double)i), a.Targets.Data.Concat(b.Targets.Data).Order());
        Assert.NotEqual(Enumerable.Range(0, 7).Select(i => (double)i), a.Targets.Data);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(0.01));
    }

    [Fact]
    public void ReshapeInputs_shares_data_and_checks_the_size()
    {
        var data = Numbered(4, 6);
        var view = data.ReshapeInputs(6, 1);
        Assert.Equal([4, 6, 1], view.Inputs.Shape);
        Assert.Same(data.Inputs.Data, view.Inputs.Data);
        var ex = Assert.Throws<ArgumentException>(() => data.ReshapeInputs(5, 1));
        Assert.Contains("6 values", ex.Message);
    }

    [Fact]
    public void ScaleInputs_maps_zero_to_five_onto_minus_one_to_one_without_touching_the_source()
    {
        var data = ManyToOneToy.Generate(20, 10, ToyLabelRule.SumAboveMean, seed: 1);
        var scaled = data.ScaleInputs(center: 2.5, scale: 2.5);
        for (int i = 0; i < data.Inputs.Length; i++)
            Assert.Equal((data.Inputs.Data[i] - 2.5) / 2.5, scaled.Inputs.Data[i], 15);
        Assert.Equal(5.0, data.Inputs.Data.Max());
        Assert.Equal(1.0, scaled.Inputs.Data.Max());
        Assert.Same(data.Targets, scaled.Targets);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.ScaleInputs(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.ScaleInputs(double.NaN, 1));
    }
}
