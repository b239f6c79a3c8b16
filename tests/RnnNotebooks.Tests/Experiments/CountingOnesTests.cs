using RnnNotebooks.Data;
using RnnNotebooks.Experiments.CountingOnes;
using RnnNotebooks.Optimizers;

namespace RnnNotebooks.Tests.Experiments;

public class CountingOnesTests
{
    private static readonly Dataset TutorialData = CountingOnes.Generate();

    [Fact]
    public void Cost_is_zero_at_the_counting_weights_and_positive_elsewhere()
    {
        Assert.Equal(0.0, CostLandscape.Cost(TutorialData, 1, 1), 12);
        Assert.True(CostLandscape.Cost(TutorialData, 1, 0.9) > 0.1);
        // wx = 0 outputs 0: the cost is the mean squared count.
        double meanSquare = TutorialData.Targets.Data.Average(t => t * t);
        Assert.Equal(meanSquare, CostLandscape.Cost(TutorialData, 0, 0.7), 10);
    }

    [Theory]
    [InlineData(1.2, 1.2)]
    [InlineData(-1.5, 2.0)]
    [InlineData(0.3, -0.8)]
    public void Gradient_matches_central_differences_of_the_cost(double wx, double wRec)
    {
        var (_, gx, gr) = CostLandscape.CostAndGradient(TutorialData, wx, wRec);
        const double h = 1e-6;
        double nx = (CostLandscape.Cost(TutorialData, wx + h, wRec) - CostLandscape.Cost(TutorialData, wx - h, wRec)) / (2 * h);
        double nr = (CostLandscape.Cost(TutorialData, wx, wRec + h) - CostLandscape.Cost(TutorialData, wx, wRec - h)) / (2 * h);
        Assert.True(Math.Abs(gx - nx) <= 1e-6 * Math.Max(1, Math.Abs(gx)), $"wx: {gx} vs {nx}");
        Assert.True(Math.Abs(gr - nr) <= 1e-6 * Math.Max(1, Math.Abs(gr)), $"wRec: {gr} vs {nr}");
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(-0.5)]
    [InlineData(1.0)]
    public void Gradient_through_time_is_geometric_in_wRec(double wRec)
    {
        double[] g = CostLandscape.GradientThroughTime(TutorialData, 2, wRec);
        Assert.Equal(SourceFigures.SequenceLength + 1, g.Length);
        for (int k = 0; k < g.Length - 1; k++)
            Assert.Equal(g[k + 1] * wRec, g[k], 1e-9 * Math.Max(1, Math.Abs(g[k])));
        if (wRec == 1.0)
        {
            // S_n = 2·count, so ∂ξ/∂S_n summed over samples is Σ 2(2t − t)/N = 2·mean(t) at every step.
            double expected = 2 * TutorialData.Targets.Data.Average();
            Assert.All(g, v => Assert.Equal(expected, v, 1e-9));
        }
    }

    [Fact]
    public void Surface_holds_the_cost_at_each_grid_point()
    {
        var s = CostLandscape.Surface(TutorialData, -3, 3, 7);
        Assert.Equal([-3.0, -2, -1, 0, 1, 2, 3], s.Wx);
        Assert.Equal(s.Wx, s.WRec);
        Assert.Equal(CostLandscape.Cost(TutorialData, 2, -1), s.Cost[2][5], 12);
        Assert.Equal(0.0, s.Cost[4][4], 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => CostLandscape.Surface(TutorialData, 1, 1, 5));
    }

    [Fact]
    public void Classic_rprop_on_the_tutorial_data_lands_on_the_tutorials_digits()
    {
        var path = CountingOnesTraining.Run("Rprop", TutorialData, SourceFigures.StartWx, SourceFigures.StartWRec,
            ps => new ClassicRprop(ps, SourceFigures.InitialStep, SourceFigures.EtaMinus, SourceFigures.EtaPlus), SourceFigures.Iterations);
        Assert.Equal(SourceFigures.Iterations, path.Iterations);
        Assert.Null(path.DivergedAt);
        Assert.Equal(SourceFigures.ExactWx, path.FinalWx, 1e-12);
        Assert.Equal(SourceFigures.ExactWRec, path.FinalWRec, 1e-12);
        Assert.Equal(SourceFigures.PrintedWx, path.FinalWx, 1e-9);
        Assert.Equal(CostLandscape.Cost(TutorialData, path.FinalWx, path.FinalWRec), path.FinalCost, 15);
        Assert.Equal((SourceFigures.StartWx, SourceFigures.StartWRec), (path.Wx[0], path.WRec[0]));
    }

    [Fact]
    public void Plain_gradient_descent_from_the_steep_start_diverges_and_the_path_stays_finite()
    {
        var path = CountingOnesTraining.Run("GD", TutorialData, -1.5, 2, ps => new Sgd(ps, 1e-6), 500);
        Assert.True(path.Diverged);
        Assert.InRange(path.DivergedAt!.Value, 2, 10);
        Assert.All(path.Cost, c => Assert.True(double.IsFinite(c)));
        Assert.True(path.Iterations < 10);
    }

    [Fact]
    public void Clipped_momentum_reaches_the_counting_weights()
    {
        var path = CountingOnesTraining.Run("clip+momentum", TutorialData, -1.5, 2, ps => new Sgd(ps, 0.002, momentum: 0.9), 500, clipGradNorm: 2);
        Assert.False(path.Diverged);
        Assert.Equal(1.0, path.FinalWx, 1e-4);
        Assert.Equal(1.0, path.FinalWRec, 1e-4);
        Assert.True(path.Cost[0] > 1e5);
    }

    [Fact]
    public void Progress_is_reported_once_per_iteration()
    {
        var seen = new List<int>();
        CountingOnesTraining.Run("GD", TutorialData, 0.5, 0.5, ps => new Sgd(ps, 1e-3), 7, progress: (i, _, _, _) => seen.Add(i));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], seen);
    }
}
