using System.Text.Json;
using RnnNotebooks.Random;

namespace RnnNotebooks.Tests.RandomSource;

public class NumPyRandomTests
{
    private static readonly JsonElement Fixture = NumPyFixture.Load("numpy/rng.json");

    public static TheoryData<uint> Seeds()
    {
        var data = new TheoryData<uint>();
        foreach (var c in Fixture.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("seed").GetUInt32());
        return data;
    }

    private static JsonElement Case(uint seed) =>
        Fixture.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("seed").GetUInt32() == seed);

    [Theory, MemberData(nameof(Seeds))]
    public void Rand_matches_numpy_bit_for_bit(uint seed)
    {
        double[] expected = Case(seed).GetProperty("rand").Doubles();
        Assert.Equal(expected, new NumPyRandom(seed).Rand(expected.Length));
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Randn_matches_numpy_bit_for_bit(uint seed)
    {
        double[] expected = Case(seed).GetProperty("randn").Doubles();
        Assert.Equal(expected, new NumPyRandom(seed).Randn(expected.Length));
    }

    [Theory, MemberData(nameof(Seeds))]
    public void RandInt_matches_numpy_over_small_and_64_bit_ranges(uint seed)
    {
        var random = new NumPyRandom(seed);
        foreach (var range in Case(seed).GetProperty("randint").EnumerateArray())
        {
            long low = range.GetProperty("low").GetInt64(), high = range.GetProperty("high").GetInt64();
            long[] expected = range.GetProperty("values").Longs();
            Assert.True(expected.SequenceEqual(random.RandInt(low, high, expected.Length)), $"randint({low}, {high}) differs for seed {seed}");
        }
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Uniform_and_normal_match_numpy(uint seed)
    {
        var c = Case(seed);
        var random = new NumPyRandom(seed);
        double[] uniform = new double[10];
        random.FillUniform(uniform, -3.0, 5.0);
        Assert.Equal(c.GetProperty("uniform").Doubles(), uniform);
        random = new NumPyRandom(seed);
        Assert.Equal(c.GetProperty("normal").Doubles(), Enumerable.Range(0, 5).Select(_ => random.Normal(2.0, 0.5)));
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Permutation_and_shuffle_match_numpy(uint seed)
    {
        var c = Case(seed);
        var random = new NumPyRandom(seed);
        Assert.Equal(c.GetProperty("permutation10").Ints(), random.Permutation(10));
        Assert.Equal(c.GetProperty("permutation100").Ints(), random.Permutation(100));
        random = new NumPyRandom(seed);
        long[] values = [0, 1, 2, 3, 4, 5, 6];
        random.Shuffle<long>(values);
        Assert.Equal(c.GetProperty("shuffle7").Longs(), values);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Interleaved_calls_share_one_stream_as_in_numpy(uint seed)
    {
        var r = new NumPyRandom(seed);
        double[] actual = [r.NextDouble(), r.NextGaussian(), r.RandInt(0, 10), r.NextDouble(), r.NextGaussian(), r.RandInt(0, 1), r.NextDouble()];
        Assert.Equal(Case(seed).GetProperty("mixed").Doubles(), actual);
    }

    [Fact]
    public void Fork_is_reproducible_and_independent_of_the_parent()
    {
        var a = new NumPyRandom(5);
        var b = new NumPyRandom(5);
        var forkA = a.Fork();
        var forkB = b.Fork();
        Assert.Equal(forkA.Rand(8), forkB.Rand(8));
        Assert.Equal(a.Rand(8), b.Rand(8));
        Assert.NotEqual(new NumPyRandom(5).Rand(8), new NumPyRandom(5).Fork().Rand(8));
    }

    [Fact]
    public void RandInt_rejects_an_empty_range_naming_both_bounds()
    {
        var ex = Assert.Throws<ArgumentException>(() => new NumPyRandom(1).RandInt(5, 5));
        Assert.Contains("low = 5", ex.Message);
        Assert.Contains("high = 5", ex.Message);
    }
}
