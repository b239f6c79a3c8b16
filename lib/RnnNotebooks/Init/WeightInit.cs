namespace RnnNotebooks.Init;

/// <summary>Which library's default initialisation a layer reproduces (in distribution; the draws come from <see cref="Random.NumPyRandom"/>).</summary>
public enum WeightInit
{
    /// <summary>
    /// PyTorch's defaults. Recurrent cells: every weight and bias uniform in ±1/√H (nn.RNN, nn.LSTM, nn.GRU).
    /// Dense: weight and bias uniform in ±1/√fan_in (nn.Linear).
    /// </summary>
    PyTorch,

    /// <summary>
    /// Keras' defaults. Input weights Glorot-uniform, recurrent weights orthogonal, biases zero
    /// except an LSTM's forget-gate bias, which is 1 (Keras has one bias; it maps onto
    /// <c>bias_ih</c>, and <c>bias_hh</c> stays zero). Peephole weights Glorot-uniform.
    /// Dense: Glorot-uniform weight, zero bias.
    /// </summary>
    Keras,

    /// <summary>
    /// Every weight uniform in ±√(1/fan_in) (fan_in = columns of a <c>[out, in]</c> weight), biases zero:
    /// the rule of the classic from-scratch RNN tutorials.
    /// </summary>
    UniformFanIn,
}
