using RnnNotebooks.Runner;

var protocol = Console.Out;
RunnerOptions options;
try { options = RunnerOptions.Parse(args); }
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 64;
}
if (options.ShowHelp)
{
    Console.WriteLine(RunnerOptions.Usage);
    return 0;
}
return options.Worker
    ? await Worker.RunAsync(options, protocol)
    : await NotebookRunner.RunAsync(options, RunnerConsole());

// Logs (CI, a file) get long lines rather than lines wrapped at 80 columns.
static Spectre.Console.IAnsiConsole RunnerConsole()
{
    var console = Spectre.Console.AnsiConsole.Console;
    if (Console.IsOutputRedirected) console.Profile.Width = 200;
    return console;
}
