using RnnNotebooks.Init;
using RnnNotebooks.Random;
using RnnNotebooks.Serialization;

namespace RnnNotebooks.Layers;

/// <summary>
/// Layers applied in order; backward runs them in reverse. Parameters are the children's, in
/// order; state-dict keys carry the child's index, as in PyTorch's <c>nn.Sequential</c>
/// (<c>0.weight_ih_l0</c>, <c>1.weight</c>).
/// </summary>
public sealed class Sequential : ILayer, IInitializable, INamedParameters
{
    private readonly List<ILayer> _layers;

    /// <summary>Chains <paramref name="layers"/>.</summary>
    public Sequential(params ILayer[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0) throw new ArgumentException("Expected at least one layer; got none.", nameof(layers));
        for (int i = 0; i < layers.Length; i++)
            if (layers[i] is null) throw new ArgumentNullException(nameof(layers), $"Layer {i} is null.");
        _layers = [.. layers];
        Parameters = [.. _layers.SelectMany(l => l.Parameters)];
    }

    /// <summary>The children, in order.</summary>
    public IReadOnlyList<ILayer> Layers => _layers;

    /// <summary>Child <paramref name="index"/>.</summary>
    public ILayer this[int index] => _layers[index];

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc />
    public Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.Forward(x);
        return x;
    }

    /// <inheritdoc />
    public Tensor Backward(Tensor outputGradient)
    {
        var g = outputGradient;
        for (int i = _layers.Count - 1; i >= 0; i--) g = _layers[i].Backward(g);
        return g;
    }

    /// <summary>Reinitialises every child that supports it, in order, from the one source.</summary>
    public void Initialize(WeightInit scheme, NumPyRandom random)
    {
        foreach (var layer in _layers)
            if (layer is IInitializable init) init.Initialize(scheme, random);
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, Parameter Parameter)> NamedParameters() =>
        [.. _layers.SelectMany((layer, i) => StateDict.Of(layer).Select(np => ($"{i}.{np.Name}", np.Parameter)))];

    /// <inheritdoc />
    public override string ToString() => $"Sequential({string.Join(", ", _layers)})";
}
