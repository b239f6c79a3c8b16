namespace RnnNotebooks;

/// <summary>Updates a flat list of parameters from their gradients; it sees nothing else.</summary>
public interface IOptimizer
{
    /// <summary>The parameters this optimizer updates.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The learning rate, which schedules may change between steps.</summary>
    double LearningRate { get; set; }

    /// <summary>Applies one update from the current gradients.</summary>
    void Step();

    /// <summary>Zeros every parameter's gradient.</summary>
    void ZeroGrad();
}
