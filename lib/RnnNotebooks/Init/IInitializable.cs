using RnnNotebooks.Random;

namespace RnnNotebooks.Init;

/// <summary>A module that can (re)draw its parameters by a named scheme from a seeded source.</summary>
public interface IInitializable
{
    /// <summary>
    /// Redraws every parameter by <paramref name="scheme"/>, consuming <paramref name="random"/>
    /// in <see cref="IModule.Parameters"/> order, each parameter row-major.
    /// The same seed gives bit-identical weights.
    /// </summary>
    void Initialize(WeightInit scheme, NumPyRandom random);
}
