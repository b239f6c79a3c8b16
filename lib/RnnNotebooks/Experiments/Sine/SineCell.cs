namespace RnnNotebooks.Experiments.Sine;

/// <summary>The recurrent cells compared on the sine task.</summary>
public enum SineCell
{
    /// <summary>The Elman cell, <c>h′ = tanh(W_xh x + W_hh h + b)</c>.</summary>
    SimpleRnn,

    /// <summary>The LSTM, input/forget/output gates and a cell state.</summary>
    Lstm,

    /// <summary>The LSTM whose gates also see the cell state (peephole connections).</summary>
    PeepholeLstm,

    /// <summary>The GRU, update and reset gates and no separate cell state.</summary>
    Gru,
}
