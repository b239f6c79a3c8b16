namespace RnnNotebooks;

/// <summary>Anything with trainable parameters exposes them as one flat list.</summary>
public interface IModule
{
    /// <summary>
    /// Every trainable parameter of this module and its children, in a stable order.
    /// Each keeps its PyTorch-style local name (<c>weight_ih_l0</c>, <c>bias</c>);
    /// containers add prefixes only when they build state-dict keys.
    /// </summary>
    IReadOnlyList<Parameter> Parameters { get; }
}
