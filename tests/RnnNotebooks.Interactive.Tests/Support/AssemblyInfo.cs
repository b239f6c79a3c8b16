// The in-process notebooks set the process's working directory (notebooks resolve #load and #r against it),
// and the notebook runs are heavy; run this project's tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
