using RnnNotebooks.Data;
using RnnNotebooks.Optimizers;

namespace RnnNotebooks.Tests.Optimization;

/// <summary>Seed 004's Rprop on its own data: the linear recurrence S_k = S_{k-1}·wRec + X_k·wx.</summary>
public class ClassicRpropTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Reproduces_the_tutorials_printed_weights_from_its_numpy_data()
    {
        var data = CountingOnes.Generate();
        var wx = new Parameter("wx", 1);
        var wRec = new Parameter("wRec", 1);
        wx.Value[0] = -1.5;
        wRec.Value[0] = 2;
        var rprop = new ClassicRprop([wx, wRec], initialStep: 0.001, etaMinus: 0.5, etaPlus: 1.2);
        for (int i = 0; i < 500; i++)
        {
            rprop.ZeroGrad();
            (wx.Grad[0], wRec.Grad[0]) = Gradient(data, wx.Value[0], wRec.Value[0]);
            rprop.Step();
        }
        output.WriteLine($"wx = {wx.Value[0]:R} (error {wx.Value[0] - 1.001355547207059:E2}), wRec = {wRec.Value[0]:R} (error {wRec.Value[0] - 0.9996744737846419:E2})");
        Assert.Equal(1.001355547207059, wx.Value[0], 1e-9);
        Assert.Equal(0.9996744737846419, wRec.Value[0], 1e-9);

        // The tutorial's test sequence: 5 ones, the model says 4.99896 (printed as 4.99).
        double s = 0;
        foreach (double x in new double[] { 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1 }) s = s * wRec.Value[0] + x * wx.Value[0];
        output.WriteLine($"test sequence: {s:R}");
        Assert.Equal(4.99896, s, 5e-6);
    }

    [Fact]
    public void The_first_step_shrinks_by_eta_minus_and_a_sign_change_still_moves()
    {
        var p = new Parameter("w", 2);
        var rprop = new ClassicRprop([p], initialStep: 0.1, etaMinus: 0.5, etaPlus: 1.2);
        p.Grad[0] = 3;
        p.Grad[1] = 0;
        rprop.Step();
        // Previous sign 0 differs from +1: step 0.1·0.5; a zero gradient repeats sign 0: step grows but no move.
        Assert.Equal(-0.05, p.Value[0], 1e-15);
        Assert.Equal(0, p.Value[1]);
        Assert.Equal([0.05, 0.12], rprop.StepSizes(0));
        p.Grad[0] = -1;
        rprop.Step();
        Assert.Equal(-0.05 + 0.025, p.Value[0], 1e-15);
        p.Grad[0] = -1;
        rprop.Step();
        Assert.Equal(-0.025 + 0.03, p.Value[0], 1e-15);
    }

    [Fact]
    public void Torch_rprop_does_not_move_after_a_sign_change()
    {
        var p = new Parameter("w", 1);
        var rprop = new Rprop([p], learningRate: 0.1);
        p.Grad[0] = 1;
        rprop.Step();
        Assert.Equal(-0.1, p.Value[0], 1e-15);
        p.Grad[0] = -1;
        rprop.Step();
        Assert.Equal(-0.1, p.Value[0], 1e-15);
        p.Grad[0] = -1;
        rprop.Step();
        Assert.Equal(-0.1 + 0.05, p.Value[0], 1e-15);
    }

    // The tutorial's cost: sum over samples of (S_n − t)² / n, and its BPTT gradient.
    internal static (double Wx, double WRec) Gradient(Dataset data, double wx, double wRec)
    {
        int n = data.Count, steps = data.Inputs.Shape[1];
        var x = data.Inputs.Data;
        double gx = 0, gRec = 0;
        var states = new double[steps + 1];
        for (int s = 0; s < n; s++)
        {
            states[0] = 0;
            for (int k = 0; k < steps; k++) states[k + 1] = x[s * steps + k] * wx + states[k] * wRec;
            double g = 2.0 * (states[steps] - data.Targets.Data[s]) / n;
            for (int k = steps; k > 0; k--)
            {
                gx += g * x[s * steps + k - 1];
                gRec += g * states[k - 1];
                g *= wRec;
            }
        }
        return (gx, gRec);
    }
}
