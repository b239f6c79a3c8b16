using System.Text.Json;
using RnnNotebooks.Optimizers;
using RnnNotebooks.Tests.RandomSource;
using Xunit.Abstractions;

namespace RnnNotebooks.Tests.Optimization;

/// <summary>Every optimizer against torch.optim trajectories written by scripts/fixtures/torch_optim.py.</summary>
public class TorchParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-12;
    private static readonly JsonElement Fixture = NumPyFixture.Load("optim/torch_optim.json");

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Fixture.GetProperty("cases").GetArrayLength(); i++) data.Add(i);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public void Optimizer_matches_torch_step_by_step(int caseIndex)
    {
        var c = Fixture.GetProperty("cases")[caseIndex];
        var parameters = NewParameters();
        var optimizer = Create(c.GetProperty("optimizer").GetString()!, c.GetProperty("hyper"), parameters);
        var grads = Fixture.GetProperty("grads");
        double maxError = 0;
        int step = 0;
        foreach (var after in c.GetProperty("after").EnumerateArray())
        {
            optimizer.ZeroGrad();
            for (int p = 0; p < parameters.Length; p++)
                grads[step][p].Doubles().CopyTo(parameters[p].Grad, 0);
            optimizer.Step();
            for (int p = 0; p < parameters.Length; p++)
            {
                double[] expected = after[p].Doubles();
                for (int i = 0; i < expected.Length; i++)
                {
                    double error = Math.Abs(parameters[p].Value[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), 1e-3);
                    maxError = Math.Max(maxError, error);
                    Assert.True(error <= Tolerance,
                        $"{c.GetProperty("optimizer")} {c.GetProperty("hyper")}: step {step + 1}, {parameters[p].Name}[{i}] = {parameters[p].Value[i]:R}, torch {expected[i]:R}");
                }
            }
            step++;
        }
        Assert.Equal(12, step);
        string hyper = string.Concat(c.GetProperty("hyper").GetRawText().Where(ch => !char.IsWhiteSpace(ch)));
        output.WriteLine($"{c.GetProperty("optimizer")} {hyper}: max relative error {maxError:E2} over {step} steps");
    }

    [Fact]
    public void Clipping_matches_torch()
    {
        double maxError = 0;
        foreach (var c in Fixture.GetProperty("clipping").EnumerateArray())
        {
            var parameters = NewParameters();
            for (int p = 0; p < parameters.Length; p++) c.GetProperty("grads")[p].Doubles().CopyTo(parameters[p].Grad, 0);
            double max = c.GetProperty("max").GetDouble();
            if (c.GetProperty("kind").GetString() == "norm")
            {
                double norm = GradientClipping.ClipByGlobalNorm(parameters, max);
                double expectedNorm = c.GetProperty("norm").GetDouble();
                Assert.Equal(expectedNorm, norm, expectedNorm * 1e-14);
            }
            else
            {
                GradientClipping.ClipByValue(parameters, max);
            }
            for (int p = 0; p < parameters.Length; p++)
            {
                double[] expected = c.GetProperty("clipped")[p].Doubles();
                for (int i = 0; i < expected.Length; i++)
                {
                    double error = Math.Abs(parameters[p].Grad[i] - expected[i]);
                    maxError = Math.Max(maxError, error / Math.Max(Math.Abs(expected[i]), 1e-3));
                    Assert.True(error <= Tolerance * Math.Max(Math.Abs(expected[i]), 1e-3), $"{c.GetProperty("kind")} clip: {parameters[p].Grad[i]:R} vs {expected[i]:R}");
                }
            }
        }
        output.WriteLine($"clipping: max relative error {maxError:E2}");
    }

    private static Parameter[] NewParameters()
    {
        var shapes = Fixture.GetProperty("shapes");
        var initial = Fixture.GetProperty("initial");
        var parameters = new Parameter[shapes.GetArrayLength()];
        for (int p = 0; p < parameters.Length; p++)
        {
            parameters[p] = new Parameter(p == 0 ? "weight" : "bias", shapes[p].Ints());
            initial[p].Doubles().CopyTo(parameters[p].Value, 0);
        }
        return parameters;
    }

    private static IOptimizer Create(string kind, JsonElement hyper, Parameter[] parameters)
    {
        double Get(string name, double fallback) => hyper.TryGetProperty(name, out var v) ? v.GetDouble() : fallback;
        double Pair(string name, int i, double fallback) => hyper.TryGetProperty(name, out var v) ? v[i].GetDouble() : fallback;
        bool Flag(string name) => hyper.TryGetProperty(name, out var v) && v.GetBoolean();
        return kind switch
        {
            "sgd" => new Sgd(parameters, Get("lr", double.NaN), Get("momentum", 0), Flag("nesterov"), Get("weight_decay", 0), Get("dampening", 0)),
            "adam" => new Adam(parameters, Get("lr", 1e-3), Pair("betas", 0, 0.9), Pair("betas", 1, 0.999), Get("eps", 1e-8), Get("weight_decay", 0)),
            "rmsprop" => new RmsProp(parameters, Get("lr", 1e-2), Get("alpha", 0.99), Get("eps", 1e-8), Get("momentum", 0), Flag("centered"), Get("weight_decay", 0)),
            "adagrad" => new Adagrad(parameters, Get("lr", 1e-2), Get("lr_decay", 0), Get("eps", 1e-10), Get("initial_accumulator_value", 0), Get("weight_decay", 0)),
            "rprop" => new Rprop(parameters, Get("lr", 1e-2), Pair("etas", 0, 0.5), Pair("etas", 1, 1.2), Pair("step_sizes", 0, 1e-6), Pair("step_sizes", 1, 50)),
            _ => throw new ArgumentException($"Unknown optimizer '{kind}' in the fixture."),
        };
    }
}
