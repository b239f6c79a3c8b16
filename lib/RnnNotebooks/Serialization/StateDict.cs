namespace RnnNotebooks.Serialization;

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
