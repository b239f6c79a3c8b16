using RnnNotebooks.Random;

namespace RnnNotebooks.Init;

/// <summary>The shared rule of the three schemes for a gated (or plain) recurrent cell.</summary>
internal static class CellInitialization
{
    /// <summary>
    /// Initialises <paramref name="parameters"/> (in order) by name: <c>weight_ih</c>, <c>weight_hh</c>,
    /// <c>bias_ih</c>, <c>bias_hh</c>, and any other vector (peepholes).
    /// <paramref name="forgetGate"/> is the block index of the forget gate in <c>bias_ih</c>, if any.
    /// </summary>
    public static void Apply(IReadOnlyList<Parameter> parameters, int inputSize, int hiddenSize, WeightInit scheme, NumPyRandom random, int? forgetGate = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        foreach (var p in parameters)
        {
            bool isWeightIh = p.Name.StartsWith("weight_ih", StringComparison.Ordinal);
            bool isWeightHh = p.Name.StartsWith("weight_hh", StringComparison.Ordinal);
            bool isBias = p.Name.StartsWith("bias", StringComparison.Ordinal);
            switch (scheme)
            {
                case WeightInit.PyTorch:
                    Initializers.Uniform(p, 1.0 / Math.Sqrt(hiddenSize), random);
                    break;
                case WeightInit.Keras:
                    if (isWeightIh) Initializers.GlorotUniform(p, random);
                    else if (isWeightHh) Initializers.Orthogonal(p, random);
                    else if (isBias)
                    {
                        Initializers.Constant(p, 0.0);
                        if (forgetGate is int g && p.Name.StartsWith("bias_ih", StringComparison.Ordinal))
                            Array.Fill(p.Value, 1.0, g * hiddenSize, hiddenSize);
                    }
                    else Initializers.GlorotUniform(p, random);
                    break;
                case WeightInit.UniformFanIn:
                    if (isBias) Initializers.Constant(p, 0.0);
                    else Initializers.Uniform(p, Math.Sqrt(1.0 / (isWeightIh ? inputSize : hiddenSize)), random);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown initialisation scheme.");
            }
        }
    }
}
