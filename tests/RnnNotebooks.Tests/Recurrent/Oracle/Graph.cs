namespace RnnNotebooks.Tests.Recurrent.Oracle;

/// <summary>
/// Reverse-mode differentiation of scalar expressions, written for the tests: every operation records its
/// value and its local derivatives, and <see cref="Backward"/> walks the record in reverse. It knows nothing
/// of the library, so gradients computed through it check the library's hand-written backward passes.
/// </summary>
internal sealed class Graph
{
    private readonly List<double> _values = [];
    private readonly List<(int A, double DA, int B, double DB)> _parents = [];

    /// <summary>An input (a weight, an input value or a starting state): a node with no parents.</summary>
    public Var Leaf(double value) => Add(value, -1, 0, -1, 0);

    internal Var Add(double value, int a, double da, int b, double db)
    {
        _values.Add(value);
        _parents.Add((a, da, b, db));
        return new Var(this, _values.Count - 1);
    }

    internal double Value(int node) => _values[node];

    /// <summary>d(Σ seed·node)/d(every node), for the given seeds.</summary>
    public double[] Backward(IEnumerable<(Var Node, double Seed)> seeds)
    {
        var grad = new double[_values.Count];
        foreach (var (node, seed) in seeds) grad[node.Id] += seed;
        for (int i = _values.Count - 1; i >= 0; i--)
        {
            if (grad[i] == 0) continue;
            var (a, da, b, db) = _parents[i];
            if (a >= 0) grad[a] += grad[i] * da;
            if (b >= 0) grad[b] += grad[i] * db;
        }
        return grad;
    }
}

/// <summary>A node of a <see cref="Graph"/>; arithmetic on it records new nodes.</summary>
internal readonly record struct Var(Graph Graph, int Id)
{
    public double Value => Graph.Value(Id);

    public static Var operator +(Var a, Var b) => a.Graph.Add(a.Value + b.Value, a.Id, 1, b.Id, 1);

    public static Var operator -(Var a, Var b) => a.Graph.Add(a.Value - b.Value, a.Id, 1, b.Id, -1);

    public static Var operator *(Var a, Var b) => a.Graph.Add(a.Value * b.Value, a.Id, b.Value, b.Id, a.Value);

    public static Var operator -(double c, Var b) => b.Graph.Add(c - b.Value, b.Id, -1, -1, 0);

    public Var Sigmoid()
    {
        double s = 1 / (1 + Math.Exp(-Value));
        return Graph.Add(s, Id, s * (1 - s), -1, 0);
    }

    public Var Tanh()
    {
        double t = Math.Tanh(Value);
        return Graph.Add(t, Id, 1 - t * t, -1, 0);
    }

    public Var Relu() => Graph.Add(Math.Max(Value, 0), Id, Value > 0 ? 1 : 0, -1, 0);
}
