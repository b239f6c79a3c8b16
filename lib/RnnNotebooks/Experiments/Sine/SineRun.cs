using System.Diagnostics;
using RnnNotebooks.Data;
using RnnNotebooks.Layers;
using RnnNotebooks.Losses;
using RnnNotebooks.Optimizers;
using RnnNotebooks.Random;
using RnnNotebooks.Training;

namespace RnnNotebooks.Experiments.Sine;

/// <summary>The training budget of the sine task (defaults are the source's Keras call).</summary>
public sealed record SineRecipe
{
    /// <summary>Recurrent units.</summary>
    public int Units { get; init; } = 32;

    /// <summary>Values the model reads to predict the next.</summary>
    public int Window { get; init; } = 20;

    /// <summary>Passes over the 3,122 training windows.</summary>
    public int Epochs { get; init; } = 25;

    /// <summary>Windows per Adam step; the last, partial batch is kept.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's learning rate (Keras's epsilon 1e-7 and its placement).</summary>
    public double LearningRate { get; init; } = 0.001;

    /// <summary>Start of the rollout range (the source: 0).</summary>
    public double RolloutStart { get; init; } = 0;

    /// <summary>End (exclusive) of the rollout range (the source: 10π).</summary>
    public double RolloutStop { get; init; } = 10 * Math.PI;

    /// <summary>Spacing of x, in training and rollout alike.</summary>
    public double Step { get; init; } = 0.1;
}

/// <summary>One cell trained on the sine windows and rolled out on its own predictions.</summary>
/// <param name="Cell">Which cell.</param>
/// <param name="Model">The trained model.</param>
/// <param name="History">Loss per epoch (mean over the epoch's batches, as Keras logs it).</param>
/// <param name="Seconds">Wall-clock training time.</param>
/// <param name="RolloutX">x of every rollout point, seed window included.</param>
/// <param name="TrueValues">sin x at every rollout point.</param>
/// <param name="Predictions">The model's values after the seed window.</param>
/// <param name="RolloutRmse">RMSE of the predictions against the true sine.</param>
public sealed record SineResult(SineCell Cell, Sequential Model, History History, double Seconds,
    double[] RolloutX, double[] TrueValues, double[] Predictions, double RolloutRmse)
{
    /// <summary>The loss of the last epoch.</summary>
    public double FinalLoss => History.Loss[^1];

    /// <summary>Trainable scalars in the model.</summary>
    public int ParameterCount => Model.Parameters.Sum(p => p.Length);
}

/// <summary>The sine experiment end to end for one cell.</summary>
public static class SineRun
{
    /// <summary>
    /// Builds the model with Keras's initialisation from <c>NumPyRandom(seed)</c>, trains it with Keras's Adam on MSE,
    /// reshuffling every epoch (shuffle seed = <paramref name="seed"/>), then rolls it out over the recipe's range.
    /// </summary>
    /// <param name="cell">The recurrent cell.</param>
    /// <param name="seed">Seed of the weights and of the shuffling.</param>
    /// <param name="recipe">Budget; the source's when null.</param>
    /// <param name="onEpochEnd">Progress: (epoch, loss).</param>
    public static SineResult Run(SineCell cell, uint seed, SineRecipe? recipe = null, Action<int, double>? onEpochEnd = null)
    {
        recipe ??= new SineRecipe();
        Dataset data = SineWindows.Generate(recipe.Window, step: recipe.Step);
        Sequential model = SineModel.Create(cell, new NumPyRandom(seed), recipe.Units);
        var callbacks = onEpochEnd is null ? Array.Empty<Callback>() : [new LambdaCallback(onEpochEnd: (e, logs) => onEpochEnd(e, logs["loss"]))];
        var clock = Stopwatch.StartNew();
        History history = Trainer.Fit(model, new MeanSquaredError(), Adam.Keras(model.Parameters, recipe.LearningRate), data,
            new FitOptions { Epochs = recipe.Epochs, BatchSize = recipe.BatchSize, Shuffle = true, Seed = seed, Callbacks = callbacks });
        double seconds = clock.Elapsed.TotalSeconds;

        double[] x = SineWindows.Arange(recipe.RolloutStart, recipe.RolloutStop, recipe.Step);
        if (x.Length <= recipe.Window)
            throw new ArgumentException($"Expected a rollout range longer than the window ({recipe.Window} points); got {x.Length}.", nameof(recipe));
        double[] truth = x.Select(Math.Sin).ToArray();
        double[] predictions = Rollout.Autoregressive(model, truth.AsSpan(0, recipe.Window), x.Length - recipe.Window);
        double rmse = Rollout.Rmse(predictions, truth.AsSpan(recipe.Window));
        return new SineResult(cell, model, history, seconds, x, truth, predictions, rmse);
    }
}
