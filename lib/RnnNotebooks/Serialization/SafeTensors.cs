using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace RnnNotebooks.Serialization;

/// <summary>
/// Reads and writes the <c>.safetensors</c> format (an 8-byte little-endian header length, a JSON
/// header naming each tensor's dtype, shape and byte range, then the raw data), so weights move
/// between this library and PyTorch with the same names, layouts and gate order.
/// </summary>
/// <remarks>
/// Writes are F64 and atomic (a temporary file in the same folder, then a rename), so an
/// interrupted save never leaves a half-written file in place. Reads accept F64 and F32.
/// </remarks>
public static class SafeTensors
{
    /// <summary>
    /// Saves every parameter of <paramref name="module"/> under its state-dict key
    /// (<see cref="StateDict.Of"/>), as F64.
    /// </summary>
    public static void Save(IModule module, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        Write(path, StateDict.Of(module).Select(np => (np.Name, new Tensor(np.Parameter.Value, [.. np.Parameter.Shape]))), metadata);
    }

    /// <summary>
    /// Loads <paramref name="module"/>'s parameters from <paramref name="path"/>. Every parameter must
    /// be present with exactly its shape; with <paramref name="strict"/>, the file may hold no other
    /// tensors. Everything is validated before any value changes.
    /// </summary>
    /// <exception cref="InvalidDataException">A tensor is missing, has the wrong shape or an unsupported dtype, or the file is malformed.</exception>
    public static void Load(IModule module, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        var tensors = Read(path);
        var named = StateDict.Of(module);
        foreach (var (name, p) in named)
        {
            if (!tensors.TryGetValue(name, out var t))
                throw new InvalidDataException(
                    $"'{path}' has no tensor '{name}' (expected shape [{string.Join(", ", p.Shape)}]); it holds: {string.Join(", ", tensors.Keys.Order(StringComparer.Ordinal))}.");
            if (!t.Shape.SequenceEqual(p.Shape))
                throw new InvalidDataException(
                    $"Tensor '{name}' in '{path}' has shape [{string.Join(", ", t.Shape)}]; expected [{string.Join(", ", p.Shape)}].");
        }
        if (strict)
        {
            var known = named.Select(np => np.Name).ToHashSet(StringComparer.Ordinal);
            var extra = tensors.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
            if (extra.Count > 0)
                throw new InvalidDataException(
                    $"'{path}' holds tensors the model does not have: {string.Join(", ", extra)}; expected exactly: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
        }
        foreach (var (name, p) in named) tensors[name].Data.CopyTo(p.Value, 0);
    }

    /// <summary>Writes named tensors as F64, atomically.</summary>
    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in list)
            if (!names.Add(name)) throw new ArgumentException($"Duplicate tensor name '{name}'.", nameof(tensors));

        using var headerStream = new MemoryStream();
        using (var json = new Utf8JsonWriter(headerStream))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata) json.WriteString(k, v);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, t) in list)
            {
                json.WriteStartObject(name);
                json.WriteString("dtype", "F64");
                json.WriteStartArray("shape");
                foreach (int d in t.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += 8L * t.Length;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        var header = headerStream.ToArray().ToList();
        while (header.Count % 8 != 0) header.Add((byte)' ');   // keeps the data 8-byte aligned

        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Count);
                file.Write(length);
                file.Write(CollectionsMarshal.AsSpan(header));
                foreach (var (_, t) in list) WriteDoubles(file, t.Data);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Reads every tensor of a file (F64 or F32) as double tensors; a scalar (rank 0) comes back with shape [1].</summary>
    /// <exception cref="InvalidDataException">The file is malformed or holds an unsupported dtype.</exception>
    public static IReadOnlyDictionary<string, Tensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new InvalidDataException($"'{path}' is not a safetensors file: {bytes.Length} bytes, expected at least 8.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8))
            throw new InvalidDataException($"'{path}' declares a {headerLength}-byte header but has only {bytes.Length - 8} bytes after the length.");
        int dataStart = 8 + (int)headerLength;
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength));
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__") continue;
            string dtype = entry.Value.GetProperty("dtype").GetString() ?? "";
            int[] shape = [.. entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32())];
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            long count = shape.Aggregate(1L, (a, d) => a * d);
            int size = dtype switch
            {
                "F64" => 8,
                "F32" => 4,
                _ => throw new InvalidDataException($"Tensor '{entry.Name}' in '{path}' has dtype {dtype}; expected F64 or F32."),
            };
            if (offsets.Length != 2 || offsets[1] - offsets[0] != count * size || dataStart + offsets[1] > bytes.Length || offsets[0] < 0)
                throw new InvalidDataException(
                    $"Tensor '{entry.Name}' in '{path}' has data offsets [{string.Join(", ", offsets)}]; expected {count * size} bytes ({dtype} [{string.Join(", ", shape)}]) within the file.");
            var span = bytes.AsSpan(dataStart + (int)offsets[0], (int)(count * size));
            var data = new double[count];
            for (int i = 0; i < count; i++)
                data[i] = size == 8
                    ? BinaryPrimitives.ReadDoubleLittleEndian(span.Slice(8 * i, 8))
                    : BinaryPrimitives.ReadSingleLittleEndian(span.Slice(4 * i, 4));
            result[entry.Name] = new Tensor(data, shape.Length == 0 ? [1] : shape);
        }
        return result;
    }

    private static void WriteDoubles(Stream stream, double[] values)
    {
        var buffer = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 * i), values[i]);
        stream.Write(buffer);
    }
}
