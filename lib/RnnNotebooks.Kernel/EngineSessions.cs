using Microsoft.CodeAnalysis.CSharp;
using RnnNotebooks.Kernel.Hosting;
using RnnNotebooks.Runtime.Packages;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Kernel;

/// <summary>Connects the kernel to the notebook engine: the same sessions the headless runner uses.</summary>
internal static class EngineSessions
{
    /// <summary>
    /// Options for a kernel whose sessions are engine <see cref="ScriptSession"/>s working in <paramref name="workingDirectory"/>.
    /// The compiler warms up and the first session is created at once, on other threads, so that work overlaps
    /// with binding the sockets and the front end connecting; the factory hands the session over.
    /// </summary>
    public static KernelOptions KernelOptions(string workingDirectory)
    {
        var defaults = new KernelOptions { SessionFactory = () => throw new InvalidOperationException() };
        var log = defaults.Log;
        var resolver = PackageResolvers.Create(offline: false, log);
        ScriptSession Create() => WarmedUp(new ScriptSession(new ScriptSessionOptions
        {
            WorkingDirectory = workingDirectory,
            PackageResolver = resolver,
            Log = log,
        }), log);
        _ = Task.Run(async () =>
        {
            try
            {
                await ScriptSession.WarmUpCompilerAsync();
            }
            catch (Exception e)
            {
                log($"compiler warm-up failed (harmless, the first cell will be slower): {e.Message}");
            }
        });
        var first = Task.Run(Create);
        var firstTaken = 0;
        return defaults with
        {
            SessionFactory = () => Interlocked.Exchange(ref firstTaken, 1) == 0 ? first.GetAwaiter().GetResult() : Create(),
            LanguageVersion = LanguageVersion.Latest.MapSpecifiedToEffectiveVersion().ToDisplayString(),
        };
    }

    /// <summary>Starts warming up the session's editor in the background, so the first completion is quick too.</summary>
    private static ScriptSession WarmedUp(ScriptSession session, Action<string> log)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await session.WarmUpEditorAsync(editorDelay: TimeSpan.FromSeconds(3));
            }
            catch (Exception e)
            {
                log($"editor warm-up failed (harmless, the first completion will be slower): {e.Message}");
            }
        });
        return session;
    }
}
