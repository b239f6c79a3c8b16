using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Kernel.Hosting;

/// <summary>How a <see cref="KernelHost"/> creates its session and bounds its outputs.</summary>
public sealed record KernelOptions
{
    /// <summary>Creates a fresh script session. Called on the execution thread, once at start-up.</summary>
    public required Func<IScriptSession> SessionFactory { get; init; }

    /// <summary>Where diagnostics go (the kernel's stderr by default).</summary>
    public Action<string> Log { get; init; } = message => Console.Error.WriteLine($"[csharp-rnn] {message}");

    /// <summary>Text a cell may write to stdout and stderr together before the rest is dropped.</summary>
    public int MaxStreamCharsPerCell { get; init; } = 1_000_000;

    /// <summary>Size, in characters, above which a display is replaced by a short note.</summary>
    public int MaxDisplayChars { get; init; } = 32_000_000;

    /// <summary>Minimum time between two <c>update_display_data</c> for the same display; faster updates are coalesced.</summary>
    public TimeSpan DisplayUpdateInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often buffered stream text is sent while a cell runs.</summary>
    public TimeSpan StreamFlushInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Version reported in <c>language_info.version</c>.</summary>
    public string LanguageVersion { get; init; } = "14.0";

    /// <summary>Text of <c>kernel_info_reply.banner</c>.</summary>
    public string Banner { get; init; } = "C# notebooks on the RnnNotebooks runtime (Roslyn scripting).";
}
