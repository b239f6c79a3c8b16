// Each test drives a browser and a notebook server or the runner, all CPU-bound on a small machine:
// one test class at a time keeps their timings and time-outs meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
