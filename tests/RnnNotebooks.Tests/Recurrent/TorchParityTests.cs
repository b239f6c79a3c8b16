using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Serialization;
using RnnNotebooks.Tests.Gradients;
using Xunit.Abstractions;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>
/// Outputs, final states, losses and every gradient against PyTorch (scripts/fixtures/torch_layers.py), through the
/// fused fast path and through the generic loop stepping the cell, so a wrong gate in either fails here.
/// </summary>
public class TorchParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-10;

    // name, kind, activation, input, hidden, head out, many-to-many, loss, detach every k: as in the script.
    public static TheoryData<string, string, string, int, int, int, bool, string, int> Cases => new()
    {
        { "rnn_tanh", "rnn", "tanh", 3, 4, 2, false, "mse", 0 },
        { "rnn_relu_seq", "rnn", "relu", 2, 5, 3, true, "ce", 0 },
        { "lstm", "lstm", "", 3, 4, 1, false, "mse", 0 },
        { "lstm_seq", "lstm", "", 1, 8, 3, true, "ce", 0 },
        { "gru", "gru", "", 3, 5, 2, false, "mse", 0 },
        { "gru_seq", "gru", "", 2, 3, 4, true, "ce", 0 },
        { "lstm_detach3", "lstm", "", 2, 3, 2, true, "mse", 3 },
        { "rnn_tanh_detach2", "rnn", "tanh", 2, 4, 1, false, "mse", 2 },
    };

    internal static string Fixture(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch", file);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch(string name, string kind, string activation, int input, int hidden, int outputs, bool sequences, string lossName, int detachEvery)
    {
        foreach (bool fastPath in new[] { true, false })
            Check(name, kind, activation, input, hidden, outputs, sequences, lossName, detachEvery, fastPath);
    }

    private void Check(string name, string kind, string activation, int input, int hidden, int outputs, bool sequences, string lossName, int detachEvery, bool fastPath)
    {
        var bptt = detachEvery > 0 ? Bptt.DetachEvery(detachEvery) : Bptt.Full;
        RecurrentLayer layer = kind switch
        {
            "rnn" => new SimpleRnn(input, hidden, activation == "relu" ? Activation.Relu : Activation.Tanh, sequences, bptt: bptt),
            "lstm" => new Lstm(input, hidden, sequences, bptt: bptt),
            _ => new Gru(input, hidden, sequences, bptt: bptt),
        };
        layer.UseFastPath = fastPath;
        var model = new Sequential(layer, new Dense(hidden, outputs));
        SafeTensors.Load(model, Fixture($"{name}.weights.safetensors"));
        var data = SafeTensors.Read(Fixture($"{name}.data.safetensors"));

        int batch = data["input"].Shape[0], time = data["input"].Shape[1];
        if (data.TryGetValue("h0", out var h0))
        {
            var start = new Tensor(batch, layer.Cell.StateSize);
            for (int b = 0; b < batch; b++)
            {
                Array.Copy(h0.Data, b * hidden, start.Data, b * layer.Cell.StateSize, hidden);
                if (data.TryGetValue("c0", out var c0)) Array.Copy(c0.Data, b * hidden, start.Data, b * layer.Cell.StateSize + hidden, hidden);
            }
            layer.InitialState = start;
        }

        ILoss loss = lossName == "mse" ? new MeanSquaredError() : new SoftmaxCrossEntropy();
        var prediction = model.Forward(data["input"]);
        double value = loss.Forward(prediction, data["target"]);
        foreach (var p in model.Parameters) p.ZeroGrad();
        var dx = model.Backward(loss.Backward());

        var errors = new List<(string What, double Error)>
        {
            ("output", TestTensors.MaxRelativeError(prediction.Data, data["output"].Data)),
            ("loss", TestTensors.MaxRelativeError([value], data["loss"].Data)),
            ("grad.input", TestTensors.MaxRelativeError(dx.Data, data["grad.input"].Data)),
        };
        var states = layer.States;   // [batch, time + 1, StateSize]
        var hidden0 = new double[batch * time * hidden];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < time; t++)
                for (int j = 0; j < hidden; j++) hidden0[(b * time + t) * hidden + j] = states[b, t + 1, j];
        errors.Add(("rnn_output", TestTensors.MaxRelativeError(hidden0, data["rnn_output"].Data)));
        var final = layer.FinalState;
        errors.Add(("h_n", TestTensors.MaxRelativeError(Part(final, 0, hidden), data["h_n"].Data)));
        if (data.TryGetValue("c_n", out var cn)) errors.Add(("c_n", TestTensors.MaxRelativeError(Part(final, hidden, hidden), cn.Data)));
        if (h0 is not null)
        {
            var dStart = layer.InitialStateGradient;
            errors.Add(("grad.h0", TestTensors.MaxRelativeError(Part(dStart, 0, hidden), data["grad.h0"].Data)));
            if (data.TryGetValue("grad.c0", out var dc0)) errors.Add(("grad.c0", TestTensors.MaxRelativeError(Part(dStart, hidden, hidden), dc0.Data)));
        }
        foreach (var (key, p) in StateDict.Of(model))
            errors.Add(($"grad.{key}", TestTensors.MaxRelativeError(p.Grad, data[$"grad.{key}"].Data)));

        string path = fastPath ? "fast path" : "generic loop";
        output.WriteLine($"{name}, {path}: max relative error {errors.Max(e => e.Error):E2}");
        foreach (var (what, error) in errors) Assert.True(error < Tolerance, $"{name} ({path}) {what}: relative error {error:E3} ≥ {Tolerance:E0}");
        Assert.Equal(data.Keys.Count(k => k.StartsWith("grad.", StringComparison.Ordinal)), errors.Count(e => e.What.StartsWith("grad.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Detaching_matters_for_the_fixture_that_tests_it()
    {
        // Guard: with full BPTT the detached fixture's gradients must not match, or the parity test above proves nothing.
        var layer = new Lstm(2, 3, returnSequences: true);
        var model = new Sequential(layer, new Dense(3, 2));
        SafeTensors.Load(model, Fixture("lstm_detach3.weights.safetensors"));
        var data = SafeTensors.Read(Fixture("lstm_detach3.data.safetensors"));
        var loss = new MeanSquaredError();
        loss.Forward(model.Forward(data["input"]), data["target"]);
        model.Backward(loss.Backward());
        Assert.True(TestTensors.MaxRelativeError(layer.Parameters[1].Grad, data["grad.0.weight_hh_l0"].Data) > 1e-3);
    }

    private static double[] Part(Tensor rows, int from, int count)
    {
        int batch = rows.Shape[0], width = rows.Shape[1];
        var result = new double[batch * count];
        for (int b = 0; b < batch; b++) Array.Copy(rows.Data, b * width + from, result, b * count, count);
        return result;
    }
}
