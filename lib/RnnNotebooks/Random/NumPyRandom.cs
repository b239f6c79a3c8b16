namespace RnnNotebooks.Random;

/// <summary>
/// A Mersenne Twister (MT19937) seeded and sampled exactly as NumPy's legacy
/// <c>np.random.seed(n)</c> / <c>RandomState</c>: the same seed gives NumPy's very numbers,
/// so notebooks can use the sources' own data. It is also the library's one random source.
/// </summary>
/// <remarks>
/// Every method names the NumPy call it reproduces. Integer draws use NumPy's masked
/// rejection sampling, so a sequence of <see cref="RandInt(long, long)"/> calls consumes the
/// twister exactly as <c>np.random.randint</c> does.
/// </remarks>
public sealed class NumPyRandom
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index;
    private bool _hasGauss;
    private double _gauss;

    /// <summary>Seeds the generator as <c>np.random.seed(seed)</c> does for an integer seed.</summary>
    public NumPyRandom(uint seed)
    {
        Seed = seed;
        _mt[0] = seed;
        for (int i = 1; i < N; i++)
            _mt[i] = unchecked(1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i);
        _index = N;
    }

    /// <summary>The seed this generator started from.</summary>
    public uint Seed { get; }

    /// <summary>
    /// A new, independent generator seeded from this one's next 32-bit output. Use it to give a
    /// component (initialiser, shuffler) its own stream derived reproducibly from one seed.
    /// </summary>
    public NumPyRandom Fork() => new(NextUInt32());

    /// <summary>The next raw 32-bit output of the twister.</summary>
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        uint y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>The next 64 bits as NumPy's legacy generator builds them: high word first.</summary>
    public ulong NextUInt64()
    {
        ulong high = NextUInt32();
        return (high << 32) | NextUInt32();
    }

    /// <summary>A double in [0, 1) with 53 random bits: NumPy's <c>random_sample</c> / <c>rand</c>.</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>A standard normal draw, NumPy's legacy <c>randn</c> (polar Box–Muller, second value cached).</summary>
    public double NextGaussian()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            return _gauss;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary>A draw from N(<paramref name="mean"/>, <paramref name="std"/>²): NumPy's legacy <c>normal(loc, scale)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="std"/> is negative or NaN.</exception>
    public double Normal(double mean, double std)
    {
        if (!(std >= 0)) throw new ArgumentOutOfRangeException(nameof(std), std, $"Expected a non-negative standard deviation; got {std}.");
        return mean + std * NextGaussian();
    }

    /// <summary>A double in [<paramref name="low"/>, <paramref name="high"/>): NumPy's <c>uniform(low, high)</c>, i.e. <c>low + (high - low) · random_sample()</c>.</summary>
    /// <exception cref="ArgumentException">A bound is not finite.</exception>
    public double Uniform(double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
            throw new ArgumentException($"Expected finite bounds; got low = {low}, high = {high}.");
        return low + (high - low) * NextDouble();
    }

    /// <summary>
    /// An integer in [<paramref name="low"/>, <paramref name="high"/>): NumPy's legacy
    /// <c>randint(low, high)</c> with its default int64 dtype (masked rejection sampling).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="high"/> is not above <paramref name="low"/>.</exception>
    public long RandInt(long low, long high)
    {
        if (high <= low)
            throw new ArgumentException($"Expected low < high; got low = {low}, high = {high}.");
        ulong range = unchecked((ulong)(high - low) - 1UL);
        return unchecked(low + (long)BoundedMasked(range));
    }

    /// <summary>An integer in [0, <paramref name="high"/>): NumPy's legacy <c>randint(high)</c>.</summary>
    public long RandInt(long high) => RandInt(0, high);

    /// <summary><paramref name="count"/> integers in [<paramref name="low"/>, <paramref name="high"/>): NumPy's <c>randint(low, high, size=count)</c>.</summary>
    public long[] RandInt(long low, long high, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var values = new long[count];
        for (int i = 0; i < values.Length; i++) values[i] = RandInt(low, high);
        return values;
    }

    /// <summary>
    /// An integer in [0, <paramref name="max"/>] (inclusive), drawn as NumPy's <c>random_interval</c>
    /// does for shuffling: the smallest all-ones mask covering <paramref name="max"/>, then rejection.
    /// </summary>
    public ulong Interval(ulong max)
    {
        if (max == 0) return 0;
        ulong mask = Mask(max);
        ulong value;
        if (max <= 0xFFFFFFFFUL)
        {
            while ((value = NextUInt32() & mask) > max) { }
        }
        else
        {
            while ((value = NextUInt64() & mask) > max) { }
        }
        return value;
    }

    /// <summary><paramref name="count"/> draws of <see cref="NextDouble"/>: NumPy's <c>rand(count)</c>.</summary>
    public double[] Rand(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var values = new double[count];
        FillUniform(values);
        return values;
    }

    /// <summary><paramref name="count"/> draws of <see cref="NextGaussian"/>: NumPy's <c>randn(count)</c>.</summary>
    public double[] Randn(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var values = new double[count];
        FillGaussian(values);
        return values;
    }

    /// <summary>Fills <paramref name="destination"/> with <see cref="NextDouble"/> draws, in order (row-major <c>rand(shape)</c>).</summary>
    public void FillUniform(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = NextDouble();
    }

    /// <summary>Fills <paramref name="destination"/> with <c>low + (high - low) · random_sample()</c>, in order (<c>uniform(low, high, size)</c>).</summary>
    public void FillUniform(Span<double> destination, double low, double high)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = Uniform(low, high);
    }

    /// <summary>Fills <paramref name="destination"/> with <see cref="NextGaussian"/> draws, in order (row-major <c>randn(shape)</c>).</summary>
    public void FillGaussian(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = NextGaussian();
    }

    /// <summary>
    /// Shuffles <paramref name="values"/> in place as NumPy's legacy <c>shuffle</c> does on a
    /// one-dimensional array: Fisher–Yates from the last element down, each partner drawn by <see cref="Interval"/>.
    /// </summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = (int)Interval((ulong)i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>A random ordering of 0 … <paramref name="count"/> − 1: NumPy's legacy <c>permutation(count)</c>.</summary>
    public int[] Permutation(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var values = new int[count];
        for (int i = 0; i < count; i++) values[i] = i;
        Shuffle<int>(values);
        return values;
    }

    private ulong BoundedMasked(ulong range)
    {
        if (range == 0) return 0;
        if (range == 0xFFFFFFFFUL) return NextUInt32();
        if (range == ulong.MaxValue) return NextUInt64();
        ulong mask = Mask(range);
        ulong value;
        if (range < 0xFFFFFFFFUL)
        {
            while ((value = NextUInt32() & mask) > range) { }
        }
        else
        {
            while ((value = NextUInt64() & mask) > range) { }
        }
        return value;
    }

    private static ulong Mask(ulong max)
    {
        ulong mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        return mask;
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % N] & 0x7fffffffu);
            uint next = _mt[(i + M) % N] ^ (y >> 1);
            if ((y & 1) != 0) next ^= 0x9908b0dfu;
            _mt[i] = next;
        }
        _index = 0;
    }
}
