
namespace RnnNotebooks.Bench.Harness;

/// <summary>What the numbers were measured on.</summary>
public sealed record Machine(string Cpu, int Cores, bool Vector512, bool Fma, string LoadAverage, string Runtime)
{
    /// <summary>The current machine.</summary>
    public static Machine Current() => new(
        Cpu: ReadCpuName(), Cores: Environment.ProcessorCount,
        Vector512: System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, Fma: System.Runtime.Intrinsics.X86.Fma.IsSupported,
        LoadAverage: File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown",
        Runtime: System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);

    private static string ReadCpuName()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return "unknown";
        var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?.Split(':', 2)[1].Trim() ?? "unknown";
    }
}
