using RnnNotebooks.Runtime.Packages;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>How a <see cref="ScriptSession"/> is set up. Every property has a sensible default.</summary>
public sealed record ScriptSessionOptions
{
    /// <summary>The namespaces every cell imports.</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System", "System.Collections.Generic", "System.Globalization", "System.IO", "System.Linq",
        "System.Net.Http", "System.Text", "System.Threading", "System.Threading.Tasks",
        "RnnNotebooks.Runtime.Formatting",
    ];

    /// <summary>Folder that <c>#r "project: ..."</c> searches upwards from and relative <c>.dll</c> paths start at (the notebook's folder).</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Resolves <c>#r "nuget: ..."</c>; defaults to <see cref="OfflinePackageResolver"/>. The kernel plugs in a restoring one.</summary>
    public IPackageResolver? PackageResolver { get; init; }

    /// <summary>Namespaces imported by every cell.</summary>
    public IReadOnlyList<string> Imports { get; init; } = DefaultImports;

    /// <summary>Timeout for cells whose <see cref="CellExecutionOptions.Timeout"/> is not set; null means none.</summary>
    public TimeSpan? DefaultTimeout { get; init; }

    /// <summary>How long a stopped cell may take to unwind before it is abandoned and the session moves on.</summary>
    public TimeSpan InterruptGracePeriod { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Receives engine messages such as project builds; null for silence.</summary>
    public Action<string>? Log { get; init; }
}
