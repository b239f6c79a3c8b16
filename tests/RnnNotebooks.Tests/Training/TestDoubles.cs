namespace RnnNotebooks.Tests.Trainers;

/// <summary>y = x·Wᵀ + b over [B, F] → [B, K]; reuses its buffers per batch size, so it allocates nothing per batch.</summary>
internal sealed class TinyLinear : ILayer
{
    private readonly Parameter _weight, _bias;
    private Tensor? _input, _output, _inputGrad;

    public TinyLinear(int inputs, int outputs, uint seed = 0)
    {
        _weight = new Parameter("weight", outputs, inputs);
        _bias = new Parameter("bias", outputs);
        var random = new RnnNotebooks.Random.NumPyRandom(seed);
        random.FillUniform(_weight.Value, -0.5, 0.5);
        Parameters = [_weight, _bias];
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    public List<double> SeenFirstFeatures { get; } = [];

    public bool Record { get; set; }

    public Tensor Forward(Tensor input)
    {
        int b = input.Shape[0], f = _weight.Shape[1], k = _weight.Shape[0];
        if (_output is null || _output.Shape[0] != b)
        {
            _output = new Tensor(b, k);
            _inputGrad = new Tensor(b, f);
        }
        _input = input;
        for (int r = 0; r < b; r++)
        {
            if (Record) SeenFirstFeatures.Add(input.Data[r * f]);
            for (int o = 0; o < k; o++)
            {
                double s = _bias.Value[o];
                for (int i = 0; i < f; i++) s += input.Data[r * f + i] * _weight.Value[o * f + i];
                _output.Data[r * k + o] = s;
            }
        }
        return _output;
    }

    public Tensor Backward(Tensor outputGradient)
    {
        int b = _input!.Shape[0], f = _weight.Shape[1], k = _weight.Shape[0];
        Array.Clear(_inputGrad!.Data);
        for (int r = 0; r < b; r++)
            for (int o = 0; o < k; o++)
            {
                double g = outputGradient.Data[r * k + o];
                _bias.Grad[o] += g;
                for (int i = 0; i < f; i++)
                {
                    _weight.Grad[o * f + i] += g * _input.Data[r * f + i];
                    _inputGrad.Data[r * f + i] += g * _weight.Value[o * f + i];
                }
            }
        return _inputGrad;
    }
}

/// <summary>Mean squared error over all elements.</summary>
internal sealed class TinyMse : ILoss
{
    private Tensor? _prediction, _target, _grad;

    public double Forward(Tensor prediction, Tensor target)
    {
        (_prediction, _target) = (prediction, target);
        double s = 0;
        for (int i = 0; i < prediction.Length; i++) s += (prediction.Data[i] - target.Data[i]) * (prediction.Data[i] - target.Data[i]);
        return s / prediction.Length;
    }

    public Tensor Backward()
    {
        if (_grad is null || _grad.Length != _prediction!.Length) _grad = new Tensor([.. _prediction!.Shape]);
        for (int i = 0; i < _grad.Length; i++) _grad.Data[i] = 2 * (_prediction.Data[i] - _target!.Data[i]) / _grad.Length;
        return _grad;
    }
}

/// <summary>Mean softmax cross-entropy of logits [B, C] against class indices [B].</summary>
internal sealed class TinyCrossEntropy : ILoss
{
    private Tensor? _prediction, _target, _grad;

    public double Forward(Tensor prediction, Tensor target)
    {
        (_prediction, _target) = (prediction, target);
        int b = prediction.Shape[0], c = prediction.Shape[1];
        double loss = 0;
        for (int r = 0; r < b; r++)
        {
            var row = prediction.Data.AsSpan(r * c, c);
            double max = double.NegativeInfinity;
            foreach (double v in row) max = Math.Max(max, v);
            double sum = 0;
            foreach (double v in row) sum += Math.Exp(v - max);
            loss += max + Math.Log(sum) - row[(int)target.Data[r]];
        }
        return loss / b;
    }

    public Tensor Backward()
    {
        int b = _prediction!.Shape[0], c = _prediction.Shape[1];
        if (_grad is null || _grad.Length != _prediction.Length) _grad = new Tensor(b, c);
        for (int r = 0; r < b; r++)
        {
            var row = _prediction.Data.AsSpan(r * c, c);
            double max = double.NegativeInfinity;
            foreach (double v in row) max = Math.Max(max, v);
            double sum = 0;
            foreach (double v in row) sum += Math.Exp(v - max);
            for (int j = 0; j < c; j++)
                _grad.Data[r * c + j] = (Math.Exp(row[j] - max) / sum - (j == (int)_target!.Data[r] ? 1 : 0)) / b;
        }
        return _grad;
    }
}
