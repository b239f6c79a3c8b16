using System.Text.Json;
using System.Text.Json.Serialization;

namespace RnnNotebooks.Kernel.Protocol;

/// <summary>
/// The connection file a Jupyter frontend writes before starting a kernel: where to bind
/// each channel and how to sign messages.
/// </summary>
public sealed record ConnectionInfo
{
    /// <summary><c>tcp</c> or <c>ipc</c>.</summary>
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";

    /// <summary>Address to bind (an IP for tcp, a path prefix for ipc).</summary>
    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";

    /// <summary>Port of the shell channel (ROUTER).</summary>
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }

    /// <summary>Port of the IOPub channel (PUB).</summary>
    [JsonPropertyName("iopub_port")] public int IOPubPort { get; init; }

    /// <summary>Port of the stdin channel (ROUTER).</summary>
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }

    /// <summary>Port of the control channel (ROUTER).</summary>
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }

    /// <summary>Port of the heartbeat channel (REP).</summary>
    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }

    /// <summary>HMAC key; empty disables signing, as the protocol allows.</summary>
    [JsonPropertyName("key")] public string Key { get; init; } = "";

    /// <summary>Signature scheme such as <c>hmac-sha256</c>.</summary>
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";

    /// <summary>Optional kernel name the frontend used.</summary>
    [JsonPropertyName("kernel_name")] public string? KernelName { get; init; }

    /// <summary>Reads and validates a connection file.</summary>
    /// <exception cref="InvalidDataException">The file is not a usable connection file.</exception>
    public static ConnectionInfo Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Connection file '{path}' does not exist.", path);
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Connection file '{path}' is not valid JSON: {e.Message}", e);
        }
        if (info is null)
            throw new InvalidDataException($"Connection file '{path}' is empty; expected a JSON object with transport, ip, ports and key.");
        info.Validate(path);
        return info;
    }

    /// <summary>The ZeroMQ endpoint for <paramref name="port"/> on this connection's transport.</summary>
    public string Endpoint(int port) => Transport switch
    {
        "tcp" => $"tcp://{Ip}:{port}",
        "ipc" => $"ipc://{Ip}-{port}",
        _ => throw new InvalidDataException($"Unsupported transport '{Transport}'; expected 'tcp' or 'ipc'."),
    };

    private void Validate(string path)
    {
        if (Transport is not ("tcp" or "ipc"))
            throw new InvalidDataException($"Connection file '{path}': transport is '{Transport}', expected 'tcp' or 'ipc'.");
        foreach (var (name, port) in new[] { ("shell_port", ShellPort), ("iopub_port", IOPubPort), ("stdin_port", StdinPort), ("control_port", ControlPort), ("hb_port", HeartbeatPort) })
        {
            if (port is < 0 or > 65535)
                throw new InvalidDataException($"Connection file '{path}': {name} is {port}, expected a port between 0 and 65535.");
        }
        _ = MessageSigner.Create(Key, SignatureScheme);
    }
}
