using System.Reflection;
using System.Text.Json.Nodes;

namespace RnnNotebooks.Kernel.Hosting;

/// <summary>What the kernel says about itself in <c>kernel_info_reply</c>.</summary>
public static class KernelInfo
{
    /// <summary>The messaging protocol version this kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>The <c>implementation</c> field.</summary>
    public const string Implementation = "rnnnotebooks";

    /// <summary>This kernel's version.</summary>
    public static string ImplementationVersion { get; } =
        typeof(KernelInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The <c>language_info</c> object for C#.</summary>
    public static JsonObject LanguageInfo(string languageVersion) => new()
    {
        ["name"] = "C#",
        ["version"] = languageVersion,
        ["mimetype"] = "text/x-csharp",
        ["file_extension"] = ".cs",
        ["pygments_lexer"] = "csharp",
        ["codemirror_mode"] = "text/x-csharp",
    };

    /// <summary>The full <c>kernel_info_reply</c> content.</summary>
    public static JsonObject Reply(KernelOptions options) => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = ProtocolVersion,
        ["implementation"] = Implementation,
        ["implementation_version"] = ImplementationVersion,
        ["language_info"] = LanguageInfo(options.LanguageVersion),
        ["banner"] = options.Banner,
        ["help_links"] = new JsonArray(),
        ["debugger"] = false,
    };
}
