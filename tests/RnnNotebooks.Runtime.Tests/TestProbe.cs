using System.Diagnostics;
using RnnNotebooks.Runtime.Execution;
using Xunit.Abstractions;

namespace RnnNotebooks.Runtime.Tests;

/// <summary>What the cells under test report while they run, read by the tests from outside the session.</summary>
public static class TestProbe
{
    /// <summary>Training batches finished so far.</summary>
    public static long Batches;

    /// <summary>The write end of a pipe a cell blocks on; closing it releases the cell.</summary>
    public static volatile int PipeWriteEnd;
}
