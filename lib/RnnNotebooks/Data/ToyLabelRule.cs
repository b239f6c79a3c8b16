namespace RnnNotebooks.Data;

/// <summary>How the many-to-one toy labels a sequence.</summary>
public enum ToyLabelRule
{
    /// <summary>1 when the sequence's sum exceeds its expected sum <c>T · max / 2</c>, else 0.</summary>
    SumAboveMean,

    /// <summary>1 when the last element is larger than the first, else 0.</summary>
    LastGreaterThanFirst,

    /// <summary>Coin flips independent of the input, as in the question: nothing to learn.</summary>
    Random,
}
