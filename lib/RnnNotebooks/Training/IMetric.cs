namespace RnnNotebooks.Training;

/// <summary>A metric accumulated over the batches of an epoch, e.g. <see cref="Accuracy"/>.</summary>
public interface IMetric
{
    /// <summary>Key in the history and logs, e.g. <c>"accuracy"</c> (validation adds <c>"val_"</c>).</summary>
    string Name { get; }

    /// <summary>Forgets everything accumulated.</summary>
    void Reset();

    /// <summary>Accumulates one batch of predictions against targets.</summary>
    void Update(Tensor prediction, Tensor target);

    /// <summary>The value over everything accumulated since <see cref="Reset"/>.</summary>
    double Result { get; }
}
