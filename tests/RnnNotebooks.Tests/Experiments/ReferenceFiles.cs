using System.Runtime.CompilerServices;
using System.Text.Json;

namespace RnnNotebooks.Tests.Experiments;

/// <summary>Reads the reference files kept next to these tests (found from the source path, wherever the build output lives).</summary>
internal static class ReferenceFiles
{
    public static JsonElement Load(string name, [CallerFilePath] string callerPath = "")
    {
        string path = Path.Combine(Path.GetDirectoryName(callerPath)!, "Fixtures", name);
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    public static double[] Doubles(this JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
