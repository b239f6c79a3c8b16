using RnnNotebooks.Recurrent;

namespace RnnNotebooks.Bench.Workloads;

/// <summary>The recurrent layers the sine task is run with.</summary>
public enum SineModel
{
    /// <summary><see cref="Lstm"/>, on its fused fast path.</summary>
    Lstm,

    /// <summary><see cref="Gru"/>, on its fused fast path.</summary>
    Gru,

    /// <summary><see cref="SimpleRnn"/> (tanh), on its fused fast path.</summary>
    SimpleRnn,

    /// <summary><see cref="UserElmanCell"/> in a <see cref="RecurrentLayer"/>: the same equations as SimpleRnn on the generic loop.</summary>
    UserCell,
}
