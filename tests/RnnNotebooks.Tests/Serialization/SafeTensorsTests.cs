using RnnNotebooks.Layers;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Serialization;
using RnnNotebooks.Tests.Recurrent;

namespace RnnNotebooks.Tests.Serialization;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "safetensors-tests-" + Guid.NewGuid().ToString("N"));

    public SafeTensorsTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Sequential Model(uint seed) => new(new Lstm(2, 3, random: new NumPyRandom(seed)), new Dense(3, 1, random: new NumPyRandom(seed + 1)));

    [Fact]
    public void Save_then_load_restores_every_parameter_bit_for_bit_and_leaves_no_temp_file()
    {
        string path = Path.Combine(_dir, "model.safetensors");
        var saved = Model(1);
        SafeTensors.Save(saved, path);
        var loaded = Model(2);
        Assert.NotEqual(saved.Parameters[0].Value, loaded.Parameters[0].Value);
        SafeTensors.Load(loaded, path);
        for (int i = 0; i < saved.Parameters.Count; i++) Assert.Equal(saved.Parameters[i].Value, loaded.Parameters[i].Value);
        Assert.Equal(["model.safetensors"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        Assert.Equal(["0.bias_hh_l0", "0.bias_ih_l0", "0.weight_hh_l0", "0.weight_ih_l0", "1.bias", "1.weight"], SafeTensors.Read(path).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Missing_tensor_names_the_tensor_and_its_expected_shape()
    {
        string path = Path.Combine(_dir, "partial.safetensors");
        var model = Model(1);
        SafeTensors.Write(path, StateDict.Of(model).Where(np => np.Name != "0.weight_hh_l0").Select(np => (np.Name, new Tensor(np.Parameter.Value, [.. np.Parameter.Shape]))));
        var before = model.Parameters.SelectMany(p => p.Value).ToArray();
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(Model(1), path));
        Assert.Contains("'0.weight_hh_l0'", ex.Message);
        Assert.Contains("[12, 3]", ex.Message);
        Assert.Equal(before, model.Parameters.SelectMany(p => p.Value));
    }

    [Fact]
    public void Wrong_shape_names_the_tensor_the_expected_and_the_actual_shape_and_changes_nothing()
    {
        string path = Path.Combine(_dir, "wide.safetensors");
        SafeTensors.Save(new Sequential(new Lstm(2, 4), new Dense(4, 1)), path);
        var model = Model(1);
        var before = model.Parameters.SelectMany(p => p.Value).ToArray();
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(model, path));
        Assert.Contains("'0.weight_ih_l0'", ex.Message);
        Assert.Contains("[16, 2]", ex.Message);
        Assert.Contains("expected [12, 2]", ex.Message);
        Assert.Equal(before, model.Parameters.SelectMany(p => p.Value));
    }

    [Fact]
    public void Strict_load_rejects_unknown_tensors_and_lenient_load_ignores_them()
    {
        string path = Path.Combine(_dir, "extra.safetensors");
        var model = Model(1);
        SafeTensors.Write(path, [.. StateDict.Of(model).Select(np => (np.Name, new Tensor(np.Parameter.Value, [.. np.Parameter.Shape]))), ("2.weight", new Tensor(1, 1))]);
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(Model(3), path));
        Assert.Contains("2.weight", ex.Message);
        var lenient = Model(3);
        SafeTensors.Load(lenient, path, strict: false);
        Assert.Equal(model.Parameters[0].Value, lenient.Parameters[0].Value);
    }

    [Fact]
    public void Single_precision_files_load_as_doubles()
    {
        var f64 = new Sequential(new SimpleRnn(3, 4), new Dense(4, 2));
        var f32 = new Sequential(new SimpleRnn(3, 4), new Dense(4, 2));
        SafeTensors.Load(f64, TorchParityTests.Fixture("rnn_tanh.weights.safetensors"));
        SafeTensors.Load(f32, TorchParityTests.Fixture("rnn_tanh.weights-f32.safetensors"));
        for (int i = 0; i < f64.Parameters.Count; i++)
            for (int j = 0; j < f64.Parameters[i].Length; j++)
            {
                Assert.Equal((double)(float)f64.Parameters[i].Value[j], f32.Parameters[i].Value[j]);
            }
    }

    [Fact]
    public void Truncated_file_is_reported()
    {
        string path = Path.Combine(_dir, "short.safetensors");
        File.WriteAllBytes(path, [200, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}']);
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        Assert.Contains("200-byte header", ex.Message);
    }
}
