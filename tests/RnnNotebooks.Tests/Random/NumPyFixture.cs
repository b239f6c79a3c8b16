using System.Text.Json;

namespace RnnNotebooks.Tests.RandomSource;

/// <summary>Loads the committed reference values written by scripts/fixtures/*.py.</summary>
internal static class NumPyFixture
{
    public static JsonElement Load(string relativePath)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath);
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    public static double[] Doubles(this JsonElement array) =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();

    public static long[] Longs(this JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public static int[] Ints(this JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static double[] Flatten(this JsonElement nested) =>
        nested.EnumerateArray().SelectMany(row => row.ValueKind == JsonValueKind.Array ? row.Flatten() : [row.GetDouble()]).ToArray();
}
