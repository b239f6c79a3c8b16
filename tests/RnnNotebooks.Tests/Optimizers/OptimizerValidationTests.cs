using RnnNotebooks.Optimizers;

namespace RnnNotebooks.Tests.Optimization;

public class OptimizerValidationTests
{
    private static Parameter[] One() => [new Parameter("weight", 2, 2)];

    public static TheoryData<Func<Parameter[], double, IOptimizer>> Factories() => new()
    {
        (p, lr) => new Sgd(p, lr),
        (p, lr) => new Adam(p, lr),
        (p, lr) => new RmsProp(p, lr),
        (p, lr) => new Adagrad(p, lr),
        (p, lr) => new Rprop(p, lr),
        (p, lr) => new ClassicRprop(p, lr),
    };

    [Theory, MemberData(nameof(Factories))]
    public void A_negative_or_nan_learning_rate_is_rejected_naming_the_value(Func<Parameter[], double, IOptimizer> create)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => create(One(), -0.25));
        Assert.Contains("-0.25", ex.Message);
        Assert.Contains("non-negative", ex.Message);
        Assert.ThrowsAny<ArgumentException>(() => create(One(), double.NaN));
        var optimizer = create(One(), 0.1);
        var set = Assert.ThrowsAny<ArgumentException>(() => optimizer.LearningRate = -3);
        Assert.Contains("-3", set.Message);
        Assert.Equal(0.1, optimizer.LearningRate);
    }

    [Fact]
    public void An_empty_parameter_list_and_bad_hyper_parameters_are_rejected()
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new Sgd([], 0.1)).Message);
        Assert.Contains("Nesterov", Assert.Throws<ArgumentException>(() => new Sgd(One(), 0.1, nesterov: true)).Message);
        Assert.Contains("1.5", Assert.ThrowsAny<ArgumentException>(() => new Adam(One(), beta1: 1.5)).Message);
        Assert.ThrowsAny<ArgumentException>(() => new Rprop(One(), etaMinus: 1.2, etaPlus: 0.5));
        Assert.ThrowsAny<ArgumentException>(() => GradientClipping.ClipByGlobalNorm(One(), 0));
    }

    [Fact]
    public void Steps_allocate_nothing()
    {
        var p = new Parameter("weight", 16, 16);
        var optimizers = new IOptimizer[]
        {
            new Sgd([p], 0.01), new Sgd([p], 0.01, 0.9, nesterov: true), new Adam([p]), new RmsProp([p], centered: true, momentum: 0.5),
            new Adagrad([p]), new Rprop([p]), new ClassicRprop([p]),
        };
        Parameter[] list = [p];
        Array.Fill(p.Grad, 0.5);
        foreach (var o in optimizers) o.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            foreach (var o in optimizers) o.Step();
            GradientClipping.ClipByGlobalNorm(list, 1.0);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"optimizer steps allocated {allocated} bytes");
    }

    [Fact]
    public void Keras_epsilon_sits_before_the_bias_correction()
    {
        var torch = new Parameter("w", 1);
        var keras = new Parameter("w", 1);
        var a = new Adam([torch], 0.1, epsilon: 1e-3);
        var b = new Adam([keras], 0.1, epsilon: 1e-3, epsilonPlacement: AdamEpsilon.Keras);
        torch.Grad[0] = keras.Grad[0] = 0.01;
        a.Step();
        b.Step();
        // Step 1: m̂ = g and sqrt(v̂) = |g|. Torch divides by |g| + eps; Keras by |g| + eps / sqrt(1 − β₂).
        Assert.Equal(-0.1 * 0.01 / (0.01 + 1e-3), torch.Value[0], 1e-15);
        Assert.Equal(-0.1 * 0.01 / (0.01 + 1e-3 / Math.Sqrt(0.001)), keras.Value[0], 1e-15);
        Assert.Equal(1e-7, Adam.Keras([new Parameter("w", 1)]).Epsilon);
    }
}
