using System.Reflection;
using System.Runtime.Loader;

namespace RnnNotebooks.Charts;

/// <summary>
/// One FSharp.Core per process. Plotly.NET 6 is built against FSharp.Core 10.1; a host that already runs its own
/// older FSharp.Core (the .NET Interactive tool ships 10.0 for its F# kernel) cannot load a second copy into the
/// default context, and Plotly.NET then fails with <see cref="FileNotFoundException"/> for FSharp.Core 10.1. When the
/// default context cannot find the FSharp.Core a caller asks for, this answers with the copy the host has loaded,
/// so F# types stay the same everywhere. Plotly.NET uses no FSharp.Core API newer than 10.0.
/// </summary>
internal static class FSharpCoreBinding
{
    private static int _installed;

    /// <summary>Installs the resolver once per process.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += HostCopy;
    }

    private static Assembly? HostCopy(AssemblyLoadContext context, AssemblyName requested) =>
        requested.Name == "FSharp.Core"
            ? context.Assemblies.FirstOrDefault(a => a.GetName() is { Name: "FSharp.Core" } loaded && loaded.Version < requested.Version)
            : null;
}
