using RnnNotebooks.Bench.Harness;
using RnnNotebooks.Bench.Kernels;
using RnnNotebooks.Bench.Workloads;
using RnnNotebooks.Data;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

Workload[] workloads =
[
    new SineTraining(SineModel.Lstm),
    new SineTraining(SineModel.Gru),
    new SineTraining(SineModel.SimpleRnn),
    new SineTraining(SineModel.UserCell),
    new BinaryAdditionWorkload(BitOrder.LsbFirst),
    new BinaryAdditionWorkload(BitOrder.MsbFirst),
    new BatchOneOverhead(),
    new RpropCounting(),
    new Collection(),
    new KernelStart(),
];
if (options.List)
{
    Console.WriteLine("gemm  (Gemm.Multiply per shape vs the naive loop, OpenBLAS, NumPy and PyTorch)");
    foreach (var w in workloads) Console.WriteLine($"{w.Name}  ({w.Description})");
    return 0;
}
var unknown = options.Only.Where(n => n != "gemm" && workloads.All(w => w.Name != n)).ToArray();
if (unknown.Length > 0)
{
    Console.Error.WriteLine($"Unknown workload(s): {string.Join(", ", unknown)}. Known: gemm, {string.Join(", ", workloads.Select(w => w.Name))}.");
    return 2;
}

var repository = Repository.Find();
var machine = Machine.Current();
Console.WriteLine($"{machine.Cpu}, {machine.Cores} cores, Vector512 {machine.Vector512}, FMA {machine.Fma}, {machine.Runtime}, load {machine.LoadAverage}");
var peakOneThread = FmaPeak.Measure(1);
var peakAllCores = FmaPeak.Measure(Environment.ProcessorCount);
Console.WriteLine($"float64 FMA peak: {peakOneThread}, {peakAllCores}");

IReadOnlyList<GemmBenchmark.Row>? gemm = null;
if (options.Selected("gemm"))
{
    Console.WriteLine("\n== gemm: GFLOP/s per shape, one thread; % of one core's peak");
    gemm = GemmBenchmark.Run(repository, peakOneThread.Best, options.NoPeer);
}

var runner = new BenchRunner(repository, options, peakAllCores.Best);
var reports = workloads.Where(w => options.Selected(w.Name)).Select(runner.Run).ToList();
if (reports.Count > 0) ReportWriter.PrintTable(reports);
// The host may have given the two cores less (or more) of the hardware while the workloads ran: say how much.
var peakAfter = reports.Count > 0 ? FmaPeak.Measure(Environment.ProcessorCount) : null;
if (peakAfter is not null) Console.WriteLine($"\nfloat64 FMA peak after the workloads: {peakAfter}; % peak above is of {peakAllCores.Best:F1}");

string path = ReportWriter.Write(repository, new
{
    Machine = machine,
    PeakGflops = new { OneThread = peakOneThread, AllCores = peakAllCores, AllCoresAfter = peakAfter },
    Gemm = gemm,
    Workloads = reports.Select(r => new
    {
        r.Name, r.Description, Target = r.Target?.ToString(), r.Steps, r.Skipped,
        Ours = r.Ours is null ? null : new { r.Ours.Seconds, r.Ours.Median, r.Ours.Result, r.Ours.Error },
        Torch = r.Torch is null ? null : new { r.Torch.Seconds, r.Torch.Median, r.Torch.Result, r.Torch.Error },
        SpeedUp = r.SpeedUp, Gflop = r.Flops?.Total / 1e9, FlopDerivation = r.Flops?.Derivation,
        r.Gflops, r.PeakFraction, r.NanosecondsPerStep, r.MeetsTarget,
    }),
});
Console.WriteLine($"\nwritten {Path.GetRelativePath(repository.Root, path)}");
return 0;
