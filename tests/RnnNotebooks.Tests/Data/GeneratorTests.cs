using System.Text.Json;
using RnnNotebooks.Data;
using RnnNotebooks.Random;
using RnnNotebooks.Tests.RandomSource;

namespace RnnNotebooks.Tests.Datasets;

public class GeneratorTests
{
    private static readonly JsonElement Fixture = NumPyFixture.Load("numpy/datasets.json");

    [Fact]
    public void Counting_ones_reproduces_the_tutorials_numpy_data()
    {
        var expected = Fixture.GetProperty("counting_ones");
        var data = CountingOnes.Generate();
        Assert.Equal([20, 10, 1], data.Inputs.Shape);
        Assert.Equal([20, 1], data.Targets.Shape);
        Assert.Equal(expected.GetProperty("inputs").Flatten(), data.Inputs.Data);
        Assert.Equal(expected.GetProperty("targets").Doubles(), data.Targets.Data);
    }

    [Fact]
    public void Ewma_data_matches_numpy_and_leaves_the_generator_where_the_seed_continues()
    {
        var expected = Fixture.GetProperty("ewma");
        var random = new NumPyRandom(1337);
        var data = Ewma.Generate(random, 10_000);
        Assert.Equal(expected.GetProperty("head").Doubles(), data.Inputs.Data[..20]);
        Assert.Equal(expected.GetProperty("average_head").Doubles(), data.Targets.Data[..20]);
        Assert.Equal(expected.GetProperty("average_tail").Doubles(), data.Targets.Data[^20..]);
        Assert.Equal(expected.GetProperty("following_draws").Doubles(), random.Rand(4));
        Assert.Equal(data.Targets.Data, Ewma.Generate().Targets.Data);
    }

    [Fact]
    public void Running_average_replaces_nan_and_zero_samples_by_the_current_average()
    {
        var expected = Fixture.GetProperty("ewma");
        double[] signal = expected.GetProperty("gaps_signal").Doubles();
        Assert.Contains(double.NaN, signal);
        double[] actual = Ewma.RunningAverage(signal, expected.GetProperty("gaps_alpha").GetDouble());
        Assert.Equal(expected.GetProperty("gaps_average").Doubles(), actual);
        // A gap keeps the average where it was.
        Assert.Equal(actual[0], actual[1]);
        Assert.Throws<ArgumentException>(() => Ewma.RunningAverage([double.NaN, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ewma.RunningAverage([1.0], alpha: 1.5));
    }

    [Fact]
    public void Sine_windows_match_numpys_arange_and_the_seeds_loop()
    {
        var expected = Fixture.GetProperty("sine");
        double[] x = SineWindows.Arange(-50 * Math.PI, 50 * Math.PI, 0.1);
        Assert.Equal(expected.GetProperty("x").Doubles(), x);
        Assert.Equal(expected.GetProperty("rollout_x_length").GetInt32(), SineWindows.Arange(0, 10 * Math.PI, 0.1).Length);

        var data = SineWindows.Generate();
        Assert.Equal(expected.GetProperty("windows").GetInt32(), data.Count);
        Assert.Equal(3122, data.Count);
        Assert.Equal([3122, 20, 1], data.Inputs.Shape);
        AssertClose(expected.GetProperty("first_window").Doubles(), data.Inputs.Data[..20]);
        AssertClose(expected.GetProperty("last_window").Doubles(), data.Inputs.Data[^20..]);
        AssertClose([expected.GetProperty("first_target").GetDouble()], [data.Targets.Data[0]]);
        AssertClose([expected.GetProperty("last_target").GetDouble()], [data.Targets.Data[^1]]);
    }

    [Fact]
    public void Sine_windows_reject_a_series_shorter_than_the_window()
    {
        var ex = Assert.Throws<ArgumentException>(() => SineWindows.FromSeries([1, 2, 3], 3));
        Assert.Contains("(3)", ex.Message);
    }

    [Theory]
    [InlineData(BitOrder.LsbFirst)]
    [InlineData(BitOrder.MsbFirst)]
    public void Binary_addition_encodes_true_sums_in_the_chosen_order(BitOrder order)
    {
        var data = BinaryAddition.Generate(500, seed: 2, order);
        Assert.Equal([500, 8, 2], data.Inputs.Shape);
        Assert.Equal([500, 8], data.Targets.Shape);
        var a = new double[8];
        var b = new double[8];
        int maxSeen = 0;
        for (int n = 0; n < data.Count; n++)
        {
            for (int t = 0; t < 8; t++)
            {
                a[t] = data.Inputs[n, t, 0];
                b[t] = data.Inputs[n, t, 1];
            }
            int va = BinaryAddition.Decode(a, order), vb = BinaryAddition.Decode(b, order);
            maxSeen = Math.Max(maxSeen, Math.Max(va, vb));
            Assert.Equal(va + vb, BinaryAddition.Decode(data.Targets.Data.AsSpan(n * 8, 8), order));
        }
        Assert.InRange(maxSeen, 120, 127);
        // The first time step holds bit 0 of the operands for LSB-first, bit 7 for MSB-first.
        var random = new NumPyRandom(2);
        long a0 = random.RandInt(0, 128), b0 = random.RandInt(0, 128);
        int shift = order == BitOrder.LsbFirst ? 0 : 7;
        Assert.Equal((a0 >> shift) & 1, data.Inputs[0, 0, 0]);
        Assert.Equal((b0 >> shift) & 1, data.Inputs[0, 0, 1]);
    }

    [Fact]
    public void Binary_addition_rejects_operands_whose_sum_overflows()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BinaryAddition.Generate(10, 1, maxOperand: 128));
        Assert.Contains("128", ex.Message);
        Assert.Contains("127", ex.Message);
    }

    [Fact]
    public void Many_to_one_toy_draws_the_askers_integers_and_labels_by_the_rule()
    {
        var expected = Fixture.GetProperty("many_to_one");
        var data = ManyToOneToy.Generate(10, 10, ToyLabelRule.SumAboveMean, seed: 3);
        Assert.Equal(expected.GetProperty("inputs").Flatten(), data.Inputs.Data);
        Assert.Equal([10, 10, 1], data.Inputs.Shape);
        Assert.Equal([10], data.Targets.Shape);
        for (int n = 0; n < 10; n++)
            Assert.Equal(data.Inputs.Data.AsSpan(n * 10, 10).ToArray().Sum() > 25 ? 1.0 : 0.0, data.Targets.Data[n]);

        var last = ManyToOneToy.Generate(200, 10, ToyLabelRule.LastGreaterThanFirst, seed: 9);
        for (int n = 0; n < 200; n++)
            Assert.Equal(last.Inputs[n, 9, 0] > last.Inputs[n, 0, 0] ? 1.0 : 0.0, last.Targets.Data[n]);

        var random = ManyToOneToy.Generate(200, 10, ToyLabelRule.Random, seed: 9);
        Assert.Equal(last.Inputs.Data, random.Inputs.Data);
        Assert.InRange(random.Targets.Data.Sum(), 60, 140);
        Assert.NotEqual(last.Targets.Data, random.Targets.Data);
    }

    [Fact]
    public void Many_to_one_toy_accepts_a_custom_rule()
    {
        var data = ManyToOneToy.Generate(seq => seq.Contains(5) ? 1 : 0, count: 50, seed: 1);
        for (int n = 0; n < 50; n++)
            Assert.Equal(data.Inputs.Data.AsSpan(n * 10, 10).Contains(5) ? 1.0 : 0.0, data.Targets.Data[n]);
        Assert.Throws<ArgumentException>(() => ManyToOneToy.Generate(_ => -1));
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        // sin may differ from NumPy's in the last bit; everything else here is exact.
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 4e-16, $"[{i}] {expected[i]:R} vs {actual[i]:R}");
    }
}
