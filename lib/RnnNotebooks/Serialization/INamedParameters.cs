namespace RnnNotebooks.Serialization;

/// <summary>
/// A module whose state-dict keys differ from its parameters' local names: a container adds
/// child prefixes (<c>0.weight</c>), a recurrent layer PyTorch's layer suffix (<c>weight_ih_l0</c>).
/// </summary>
public interface INamedParameters
{
    /// <summary>Every parameter with its state-dict key, in <see cref="IModule.Parameters"/> order.</summary>
    IReadOnlyList<(string Name, Parameter Parameter)> NamedParameters();
}
