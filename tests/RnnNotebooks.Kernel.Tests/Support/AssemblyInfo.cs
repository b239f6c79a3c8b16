// The engine routes Console output and interrupts through process-wide state, and several tests
// start kernel processes; running test classes one at a time keeps them from disturbing each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
