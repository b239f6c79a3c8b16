namespace RnnNotebooks.Recurrent;

/// <summary>
/// The examples <c>First … First + Count − 1</c> of a batch, which form part <see cref="Part"/> of it: the
/// time loop may run the two parts of a large batch on two cores, each through every step on its own.
/// </summary>
internal readonly record struct RowRange(int Part, int First, int Count);
