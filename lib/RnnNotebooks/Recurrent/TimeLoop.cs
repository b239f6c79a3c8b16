using System.Runtime.CompilerServices;
using RnnNotebooks.Numerics;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// The one loop over time. Every recurrent layer runs its sequences through it, whichever cell and whichever
/// kernel (<see cref="GenericSteps"/> or a fused fast path): the forward pass, and the backward pass under full
/// BPTT, detach-every-k truncation and window truncation.
/// </summary>
/// <remarks>
/// <para>The rules live only here. Full BPTT and detach-every-k carry one running dLoss/dState back through the
/// steps, adding each step's output gradient as it is reached; detaching clears it where a chunk begins. Window
/// truncation stops the gradient of each output k steps before it, so it carries one lane per output still
/// within its window and drops the oldest lane once it has gone k steps back.</para>
/// <para>When the kernel splits the batch, each part runs through every step on its own (examples never
/// interact), the second on <see cref="PartnerThread"/>; the split depends only on the shapes.</para>
/// <para>The loops over steps are compiled fully optimised on first use, as are the generic kernel's steps: a
/// notebook cell trains once, and a short training would otherwise run mostly in tiered compilation's
/// unoptimised first tier.</para>
/// </remarks>
internal static class TimeLoop
{
    /// <summary>Runs every step forward: <see cref="SequenceBuffers.States"/> and the tapes from the inputs and the starting state.</summary>
    public static void Forward(StepKernel kernel, SequenceBuffers sequence)
    {
        kernel.BeginForward(sequence);
        if (sequence.Parts == 1) ForwardRows(kernel, sequence, sequence.Part(0));
        else ForwardPair(kernel, sequence);
    }

    // The lambdas live in methods of their own: a closure over a method's parameters is allocated on entry to the
    // method, even when the branch that uses it is not taken.
    private static void ForwardPair(StepKernel kernel, SequenceBuffers sequence) =>
        PartnerThread.RunPair(part => ForwardRows(kernel, sequence, sequence.Part(part)));

    private static void BackwardPair(StepKernel kernel, SequenceBuffers sequence, Bptt bptt) =>
        PartnerThread.RunPair(part => BackwardRows(kernel, sequence, bptt, sequence.Part(part)));

    /// <summary>
    /// Backpropagates the output gradients through time under <paramref name="bptt"/>: parameter gradients, every
    /// input gradient, and the state gradients (under window truncation only the starting state's).
    /// </summary>
    public static void Backward(StepKernel kernel, SequenceBuffers sequence, Bptt bptt)
    {
        kernel.BeginBackward(sequence);
        if (sequence.Parts == 1) BackwardRows(kernel, sequence, bptt, sequence.Part(0));
        else BackwardPair(kernel, sequence, bptt);
        kernel.FinishBackward(sequence);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardRows(StepKernel kernel, SequenceBuffers sequence, RowRange rows)
    {
        for (int t = 0; t < sequence.Time; t++) kernel.Forward(sequence, t, rows);
    }

    private static void BackwardRows(StepKernel kernel, SequenceBuffers sequence, Bptt bptt, RowRange rows)
    {
        if (bptt.Kind == BpttKind.Window) BackwardWindow(kernel, sequence, bptt.Steps, rows);
        else BackwardOneLane(kernel, sequence, bptt.Kind == BpttKind.DetachEvery ? bptt.Steps : int.MaxValue, rows);
        kernel.EndBackward(sequence, rows);
    }

    /// <summary>
    /// Full BPTT, or detached every <paramref name="chunk"/> steps: one running gradient, which is dLoss/dState
    /// itself and is kept for every state.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardOneLane(StepKernel kernel, SequenceBuffers sequence, int chunk, RowRange rows)
    {
        int time = sequence.Time;
        var last = sequence.StateGradient(time, rows);
        last.Clear();
        AddOutputGradient(sequence, time - 1, rows, last);
        bool flowing = sequence.HasOutput(time - 1);
        for (int t = time - 1; t >= 0; t--)
        {
            var before = sequence.StateGradient(t, rows);
            if (flowing) kernel.Backward(sequence, t, rows, new LaneGradients(1, sequence.StateGradient(t + 1, rows), before));
            else
            {
                kernel.Backward(sequence, t, rows, new LaneGradients(0, default, default));
                before.Clear();
            }
            if (t == 0) break;
            if (t % chunk == 0)
            {
                before.Clear();         // the state entering this chunk is detached
                flowing = false;
            }
            if (sequence.HasOutput(t - 1))
            {
                AddOutputGradient(sequence, t - 1, rows, before);
                flowing = true;
            }
        }
    }

    /// <summary>
    /// Window truncation: the gradient of output t flows back through steps t, t − 1, …, t − k and stops. Each output
    /// still within its window is a lane; lanes are ordered newest first, and after each step the outgoing lanes move
    /// one slot up so the next step's own output can enter at slot 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardWindow(StepKernel kernel, SequenceBuffers sequence, int k, RowRange rows)
    {
        int time = sequence.Time, laneSize = rows.Count * sequence.StateSize;
        for (int t = 0; t <= time; t++) sequence.StateGradient(t, rows).Clear();
        int maxLanes = Math.Min(k, time - 1) + 1;
        var incoming = sequence.LaneBuffer(rows.Part, 0, (maxLanes + 1) * laneSize);
        var outgoing = sequence.LaneBuffer(rows.Part, 1, (maxLanes + 1) * laneSize);
        int lanes = 0;
        for (int t = time - 1; t >= 0; t--)
        {
            int firstSlot = 1;
            if (sequence.HasOutput(t))
            {
                firstSlot = 0;
                var fresh = incoming[..laneSize];
                fresh.Clear();
                AddOutputGradient(sequence, t, rows, fresh);
                lanes++;
            }
            kernel.Backward(sequence, t, rows, new LaneGradients(lanes,
                incoming.Slice(firstSlot * laneSize, lanes * laneSize), outgoing.Slice(laneSize, lanes * laneSize)));
            if (t == 0)
            {
                // Every lane still alive at step 0 reaches the starting state.
                var start = sequence.StateGradient(0, rows);
                for (int lane = 0; lane < lanes; lane++)
                    System.Numerics.Tensors.TensorPrimitives.Add(start, outgoing.Slice((1 + lane) * laneSize, laneSize), start);
                break;
            }
            // The oldest lane's output is k steps ahead of t: its gradient stops here.
            int oldestOutput = sequence.EveryStepHasOutput ? t + lanes - 1 : time - 1;
            if (lanes > 0 && oldestOutput - t >= k) lanes--;
            var swap = incoming;
            incoming = outgoing;
            outgoing = swap;
        }
    }

    /// <summary>Adds the output gradient of step <paramref name="t"/>, if it has one, to the h part of each state row.</summary>
    private static void AddOutputGradient(SequenceBuffers sequence, int t, RowRange rows, Span<double> stateGradient)
    {
        var g = sequence.OutputGradient(t, rows);
        if (g.IsEmpty) return;
        int h = sequence.HiddenSize, s = sequence.StateSize;
        if (h == s)
        {
            VectorSums.AddInto(stateGradient, g);
            return;
        }
        for (int r = 0; r < rows.Count; r++) VectorSums.AddInto(stateGradient.Slice(r * s, h), g.Slice(r * h, h));
    }
}
