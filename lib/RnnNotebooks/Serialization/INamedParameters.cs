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

/// <summary>State-dict keys of any module.</summary>
public static class StateDict
{
    /// <summary>
    /// The module's parameters keyed as PyTorch's <c>state_dict()</c> would key them: from
    /// <see cref="INamedParameters"/> when the module implements it, else each parameter's own name.
    /// </summary>
    public static IReadOnlyList<(string Name, Parameter Parameter)> Of(IModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (module is INamedParameters named) return named.NamedParameters();
        return [.. module.Parameters.Select(p => (p.Name, p))];
    }
}
