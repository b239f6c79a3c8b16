namespace RnnNotebooks.Tests.Numerics;

/// <summary>Runs alone: while another test's pair holds the partner, a pair falls back to one thread by design.</summary>
[CollectionDefinition(nameof(PartnerThreadTests), DisableParallelization = true)]
public class PartnerThreadCollection;
