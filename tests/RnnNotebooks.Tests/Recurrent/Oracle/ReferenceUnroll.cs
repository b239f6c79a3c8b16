using RnnNotebooks.Cells;
using RnnNotebooks.Recurrent;

namespace RnnNotebooks.Tests.Recurrent.Oracle;

/// <summary>
/// An independent unroll for checking <see cref="RecurrentLayer"/>: each cell's equations written out here one
/// scalar at a time from its weights (never calling the cell or a kernel), differentiated by <see cref="Graph"/>,
/// and each BPTT rule built as the computation graph it describes: full BPTT is one graph, detaching starts a
/// chunk from a constant copy of the state, and a window re-runs the last k + 1 steps before each output from the
/// recorded state.
/// </summary>
internal static class ReferenceUnroll
{
    /// <summary>What the layer should produce: output, dLoss/dInput, dLoss/dStartingState (batch-major) and each parameter's gradient.</summary>
    public sealed record Result(double[] Output, double[] InputGradient, double[] InitialStateGradient, double[][] ParameterGradients);

    /// <summary>
    /// Runs <paramref name="kind"/> (a <c>CellGradientTests.Make</c> name) with <paramref name="cell"/>'s weights over
    /// <paramref name="input"/> <c>[batch, time, I]</c> from <paramref name="initialState"/> (zeros when null), and
    /// backpropagates <paramref name="outputGradient"/> (every step's, or the last one's) under <paramref name="bptt"/>.
    /// </summary>
    public static Result Run(string kind, IRecurrentCell cell, Tensor input, Tensor outputGradient, bool sequences, Bptt bptt, Tensor? initialState)
    {
        int batch = input.Shape[0], time = input.Shape[1], inSize = cell.InputSize, h = cell.HiddenSize, s = cell.StateSize;
        var output = new double[sequences ? batch * time * h : batch * h];
        var dx = new double[batch * time * inSize];
        var dStart = new double[batch * s];
        var dParameters = cell.Parameters.Select(p => new double[p.Length]).ToArray();

        for (int b = 0; b < batch; b++)
        {
            double[] X(int t) => input.Data.AsSpan((b * time + t) * inSize, inSize).ToArray();
            double[] G(int t) => sequences ? outputGradient.Data.AsSpan((b * time + t) * h, h).ToArray()
                : t == time - 1 ? outputGradient.Data.AsSpan(b * h, h).ToArray() : [];
            var start = initialState is null ? new double[s] : initialState.Data.AsSpan(b * s, s).ToArray();

            // The forward values, recorded for every state.
            var states = new double[time + 1][];
            states[0] = start;
            for (int t = 0; t < time; t++)
            {
                var graph = new Graph();
                var next = Step(kind, cell, Leaves(graph, cell), Leaf(graph, X(t)), Leaf(graph, states[t]));
                states[t + 1] = [.. next.Select(v => v.Value)];
                if (sequences) Array.Copy(states[t + 1], 0, output, (b * time + t) * h, h);
            }
            if (!sequences) Array.Copy(states[time], 0, output, b * h, h);

            // Each graph runs steps from..to from a leaf state, seeded by the given outputs' gradients.
            void Backpropagate(int from, int to, IEnumerable<int> outputs, Func<int, bool> detachedBefore)
            {
                var graph = new Graph();
                var parameters = Leaves(graph, cell);
                var stateLeaves = new List<(int Step, Var[] Leaves)>();
                var xs = new Var[to + 1][];
                var hidden = new Var[to + 1][];
                var state = Leaf(graph, states[from]);
                stateLeaves.Add((from, state));
                for (int t = from; t <= to; t++)
                {
                    if (t > from && detachedBefore(t))
                    {
                        state = Leaf(graph, states[t]);
                        stateLeaves.Add((t, state));
                    }
                    xs[t] = Leaf(graph, X(t));
                    state = Step(kind, cell, parameters, xs[t], state);
                    hidden[t] = state;
                }
                var seeds = outputs.SelectMany(t => G(t).Select((g, j) => (hidden[t][j], g)));
                var grad = graph.Backward(seeds);
                for (int i = 0; i < parameters.Length; i++)
                    for (int e = 0; e < parameters[i].Length; e++) dParameters[i][e] += grad[parameters[i][e].Id];
                for (int t = from; t <= to; t++)
                    for (int i = 0; i < inSize; i++) dx[(b * time + t) * inSize + i] += grad[xs[t][i].Id];
                foreach (var (step, leaves) in stateLeaves)
                    if (step == 0)
                        for (int i = 0; i < s; i++) dStart[b * s + i] += grad[leaves[i].Id];
            }

            var withOutput = Enumerable.Range(0, time).Where(t => sequences || t == time - 1).ToList();
            switch (bptt.Kind)
            {
                case BpttKind.Full:
                    Backpropagate(0, time - 1, withOutput, _ => false);
                    break;
                case BpttKind.DetachEvery:
                    Backpropagate(0, time - 1, withOutput, t => t % bptt.Steps == 0);
                    break;
                default:
                    foreach (int t in withOutput) Backpropagate(Math.Max(0, t - bptt.Steps), t, [t], _ => false);
                    break;
            }
        }
        return new Result(output, dx, dStart, dParameters);
    }

    private static Var[] Leaf(Graph graph, double[] values) => [.. values.Select(graph.Leaf)];

    private static Var[][] Leaves(Graph graph, IRecurrentCell cell) => [.. cell.Parameters.Select(p => Leaf(graph, p.Value))];

    /// <summary>One step of the cell named <paramref name="kind"/>, written from its equations.</summary>
    private static Var[] Step(string kind, IRecurrentCell cell, Var[][] parameters, Var[] x, Var[] state)
    {
        var byName = cell.Parameters.Select((p, i) => (p.Name, i)).ToDictionary(e => e.Name, e => parameters[e.i]);
        Var[]? Find(string name) => byName.TryGetValue(name, out var value) ? value : null;
        int n = cell.HiddenSize, inSize = cell.InputSize;
        var wIh = byName["weight_ih"];
        var wHh = byName["weight_hh"];
        Var[]? bIh = Find("bias_ih"), bHh = Find("bias_hh");
        var h = state[..n];

        // Row `row` of W_ih·x (+ b_ih), and of W_hh·h (+ b_hh).
        Var InputPart(int row)
        {
            var sum = wIh[row * inSize] * x[0];
            for (int i = 1; i < inSize; i++) sum += wIh[row * inSize + i] * x[i];
            return bIh is null ? sum : sum + bIh[row];
        }
        Var HiddenPart(int row)
        {
            var sum = wHh[row * n] * h[0];
            for (int k = 1; k < n; k++) sum += wHh[row * n + k] * h[k];
            return bHh is null ? sum : sum + bHh[row];
        }

        if (kind == "linear") return [state[0] * wHh[0] + x[0] * wIh[0]];

        if (kind.StartsWith("rnn", StringComparison.Ordinal))
            return [.. Enumerable.Range(0, n).Select(j =>
            {
                var z = InputPart(j) + HiddenPart(j);
                return kind.Contains("tanh") ? z.Tanh() : kind.Contains("relu") ? z.Relu() : kind.Contains("sigmoid") ? z.Sigmoid() : z;
            })];

        if (kind.StartsWith("lstm", StringComparison.Ordinal))
        {
            Var[]? ci = Find("weight_ci"), cf = Find("weight_cf"), co = Find("weight_co");
            var c = state[n..];
            var hNew = new Var[n];
            var cNew = new Var[n];
            for (int j = 0; j < n; j++)
            {
                var ai = InputPart(j) + HiddenPart(j);
                var af = InputPart(n + j) + HiddenPart(n + j);
                var ag = InputPart(2 * n + j) + HiddenPart(2 * n + j);
                var ao = InputPart(3 * n + j) + HiddenPart(3 * n + j);
                var i = (ci is null ? ai : ai + ci[j] * c[j]).Sigmoid();
                var f = (cf is null ? af : af + cf[j] * c[j]).Sigmoid();
                var g = ag.Tanh();
                cNew[j] = f * c[j] + i * g;
                var o = (co is null ? ao : ao + co[j] * cNew[j]).Sigmoid();
                hNew[j] = o * cNew[j].Tanh();
            }
            return [.. hNew, .. cNew];
        }

        // GRU
        var result = new Var[n];
        for (int j = 0; j < n; j++)
        {
            var r = (InputPart(j) + HiddenPart(j)).Sigmoid();
            var z = (InputPart(n + j) + HiddenPart(n + j)).Sigmoid();
            var candidate = (InputPart(2 * n + j) + r * HiddenPart(2 * n + j)).Tanh();
            result[j] = (1 - z) * candidate + z * h[j];
        }
        return result;
    }
}
