using RnnNotebooks.Layers;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Tests.Gradients;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>
/// Once its workspaces have grown, a recurrent layer's forward and backward pass on a small batch allocate exactly the
/// tensors they return: one-example training calls them a million times.
/// </summary>
public class RecurrentAllocationTests
{
    [Theory]
    [InlineData(1, 1, 1, true)]      // seed 000: one unit, one step, stateful
    [InlineData(1, 8, 16, false)]    // seed 002: one example of eight steps
    [InlineData(3, 5, 16, false)]
    public void Forward_and_backward_allocate_only_what_they_return(int batch, int time, int hidden, bool stateful)
    {
        var layer = new SimpleRnn(2, hidden, Activation.Tanh, returnSequences: true, stateful: stateful, bptt: Bptt.Window(2));
        var rng = new NumPyRandom(3);
        var x = TestTensors.Gaussian(rng, 1.0, batch, time, 2);
        var g = TestTensors.Gaussian(rng, 1.0, batch, time, hidden);
        for (int i = 0; i < 3; i++) layer.Backward(layer.Forward(x));

        const int calls = 20;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            layer.Forward(x);
            layer.Backward(g);
        }
        long layerBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        int[] outputShape = [batch, time, hidden], inputShape = [batch, time, 2];
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            GC.KeepAlive(Tensor.Wrap(new double[batch * time * hidden], outputShape));
            GC.KeepAlive(Tensor.Wrap(new double[batch * time * 2], inputShape));
        }
        long returnedBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(returnedBytes / calls, layerBytes / calls);
    }
}
