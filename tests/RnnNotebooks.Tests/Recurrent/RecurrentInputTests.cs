using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;

namespace RnnNotebooks.Tests.Recurrent;

public class RecurrentInputTests
{
    [Fact]
    public void Wrong_input_width_names_expected_and_actual()
    {
        var lstm = new Lstm(3, 4);
        var ex = Assert.Throws<ArgumentException>(() => lstm.Forward(new Tensor(2, 5, 2)));
        Assert.Contains("expects 3 input features", ex.Message);
        Assert.Contains("got 2", ex.Message);
    }

    [Fact]
    public void Wrong_rank_names_expected_and_actual_shape()
    {
        var gru = new Gru(1, 4);
        var ex = Assert.Throws<ArgumentException>(() => gru.Forward(new Tensor(2, 5)));
        Assert.Contains("[batch, time, 1]", ex.Message);
        Assert.Contains("[2, 5] (rank 2)", ex.Message);
    }

    [Fact]
    public void Ragged_batches_are_rejected_with_both_lengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => SequenceBatch.FromScalars([[1.0, 2.0, 3.0], [1.0, 2.0]]));
        Assert.Contains("3 steps", ex.Message);
        Assert.Contains("sequence 1 has 2", ex.Message);
        var ex2 = Assert.Throws<ArgumentException>(() => SequenceBatch.FromJagged([[[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [3.0]]]));
        Assert.Contains("2 values", ex2.Message);
        Assert.Contains("has 1", ex2.Message);
    }

    [Fact]
    public void Jagged_input_packs_batch_time_features_in_order()
    {
        var t = SequenceBatch.FromJagged([[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]);
        Assert.Equal([2, 2, 2], t.Shape);
        Assert.Equal(7.0, t[1, 1, 0]);
        Assert.Equal(2.0, t[0, 0, 1]);
    }

    [Fact]
    public void Stateful_layer_rejects_a_different_batch_until_reset()
    {
        var rnn = new SimpleRnn(1, 2, stateful: true);
        rnn.Forward(new Tensor(3, 4, 1));
        var ex = Assert.Throws<ArgumentException>(() => rnn.Forward(new Tensor(2, 4, 1)));
        Assert.Contains("batch 3", ex.Message);
        Assert.Contains("got batch 2", ex.Message);
        rnn.ResetState();
        Assert.Equal([2, 2], rnn.Forward(new Tensor(2, 4, 1)).Shape);
    }

    [Fact]
    public void Wrong_output_gradient_shape_and_initial_state_shape_are_named()
    {
        var rnn = new SimpleRnn(1, 2, returnSequences: true);
        rnn.Forward(new Tensor(3, 4, 1));
        var ex = Assert.Throws<ArgumentException>(() => rnn.Backward(new Tensor(3, 2)));
        Assert.Contains("[3, 4, 2]", ex.Message);
        Assert.Contains("[3, 2]", ex.Message);
        rnn.InitialState = new Tensor(2, 2);
        var ex2 = Assert.Throws<ArgumentException>(() => rnn.Forward(new Tensor(3, 4, 1)));
        Assert.Contains("[3, 2]", ex2.Message);
        Assert.Contains("got [2, 2]", ex2.Message);
    }

    [Fact]
    public void Backward_before_forward_is_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => new Lstm(1, 2).Backward(new Tensor(1, 2)));
        Assert.Throws<InvalidOperationException>(() => new Dense(1, 2).Backward(new Tensor(1, 2)));
    }

    [Fact]
    public void Same_seed_gives_identical_weights_and_outputs()
    {
        var x = new Tensor([.. Enumerable.Range(0, 2 * 5 * 3).Select(i => Math.Sin(i))], 2, 5, 3);
        Sequential Build(uint seed)
        {
            var random = new NumPyRandom(seed);
            return new Sequential(new Lstm(3, 6, init: WeightInit.Keras, random: random), new Dense(6, 1, init: WeightInit.Keras, random: random));
        }
        var a = Build(42);
        var b = Build(42);
        var c = Build(43);
        Assert.Equal(a.Parameters.SelectMany(p => p.Value), b.Parameters.SelectMany(p => p.Value));
        Assert.NotEqual(a.Parameters.SelectMany(p => p.Value), c.Parameters.SelectMany(p => p.Value));
        Assert.Equal(a.Forward(x).Data, b.Forward(x).Data);
    }
}
