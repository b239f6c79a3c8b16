using System.Runtime.InteropServices;

namespace RnnNotebooks.Runtime.Packages;

/// <summary>Finds the <c>dotnet</c> host that runs this process, for restores and kernelspecs.</summary>
public static class DotnetHost
{
    /// <summary>Absolute path of the dotnet host, or plain <c>dotnet</c> when it cannot be located.</summary>
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        var exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } process && System.IO.Path.GetFileName(process) == exe)
            return process;
        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment))
            return fromEnvironment;
        // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var root = System.IO.Path.GetFullPath(System.IO.Path.Combine(runtimeDirectory, "..", "..", ".."));
        var candidate = System.IO.Path.Combine(root, exe);
        return File.Exists(candidate) ? candidate : "dotnet";
    }
}
