using System.Diagnostics;
using RnnNotebooks.Runtime.Execution;
using Xunit.Abstractions;

namespace RnnNotebooks.Runtime.Tests;

/// <summary>Tests that time a session, or keep cores busy until interrupted, run one at a time, so one's load is not another's delay.</summary>
[CollectionDefinition(Name)]
public sealed class TimedSessions
{
    /// <summary>The collection's name.</summary>
    public const string Name = "timed sessions";
}
