using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using RnnNotebooks.Kernel.Hosting;
using RnnNotebooks.Runtime.Packages;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Kernel;

/// <summary>Connects the kernel to the notebook engine: the same sessions the headless runner uses.</summary>
internal static class EngineSessions
{
    /// <summary>Options for a kernel whose sessions are engine <see cref="ScriptSession"/>s working in <paramref name="workingDirectory"/>.</summary>
    public static KernelOptions KernelOptions(string workingDirectory)
    {
        var defaults = new KernelOptions { SessionFactory = () => throw new InvalidOperationException() };
        var log = defaults.Log;
        var resolver = PackageResolvers.Create(offline: false, log);
        return defaults with
        {
            SessionFactory = () => new ScriptSession(new ScriptSessionOptions
            {
                WorkingDirectory = workingDirectory,
                PackageResolver = resolver,
                Log = log,
            }),
            LanguageVersion = LanguageVersion.Latest.MapSpecifiedToEffectiveVersion().ToDisplayString(),
        };
    }

    /// <summary>
    /// Compiles and runs a throwaway script on a background thread so the compiler's code is
    /// jitted while the frontend is still connecting; the first real cell then starts warm.
    /// </summary>
    public static void WarmUpCompiler(Action<string> log) => _ = Task.Run(async () =>
    {
        try
        {
            await CSharpScript.EvaluateAsync<int>("var xs = new System.Collections.Generic.List<int> { 1, 2 }; xs.Count");
        }
        catch (Exception e)
        {
            log($"compiler warm-up failed (harmless): {e.Message}");
        }
    });
}
