// Aborts a worker thread with System.Runtime.ControlledExecution and reports how long the stop took, or
// whether the process died. Usage: dotnet run -c Release -- (spin|array|linq|alloc) [delay-ms]
using System.Diagnostics;
using System.Runtime;

var which = args.Length > 0 ? args[0] : "alloc";
Action work = which switch
{
    "spin" => () => { long s = 0; for (long i = 0; ; i++) { s += i; if (s == -1) break; } },
    "array" => () => { var a = new double[1000]; while (true) for (int i = 0; i < a.Length; i++) a[i] = Math.Sqrt(a[i] + i); },
    "linq" => () => Console.WriteLine(Enumerable.Range(0, int.MaxValue).Select(i => Math.Sqrt(i)).Sum()),
    "alloc" => () => { var l = new List<double[]>(); while (true) { l.Add(new double[100]); if (l.Count > 1000) l.Clear(); } },
    _ => throw new ArgumentException($"expected spin, array, linq or alloc; got '{which}'"),
};
var delay = args.Length > 1 ? int.Parse(args[1]) : 300;
using var cancel = new CancellationTokenSource();
var watch = new Stopwatch();
var thread = new Thread(() =>
{
    try
    {
        ControlledExecution.Run(work, cancel.Token);
        Console.WriteLine("finished");
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine($"aborted after {watch.ElapsedMilliseconds} ms");
    }
});
thread.Start();
Thread.Sleep(delay);
watch.Start();
cancel.Cancel();
if (!thread.Join(5000))
{
    Console.WriteLine("not stopped after 5 s");
    return 3;
}
return 0;
