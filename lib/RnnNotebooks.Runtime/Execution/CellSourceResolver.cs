using Microsoft.CodeAnalysis;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// Resolves <c>#load "script.csx"</c> against the notebook's folder, and leaves the cells' own file names
/// (<c>cell N</c>) as they are, so stack frames and diagnostics still name the cell.
/// </summary>
internal sealed class CellSourceResolver(string baseDirectory) : SourceReferenceResolver
{
    private readonly SourceFileResolver _files = new([], baseDirectory);

    private static bool IsCell(string? path) => path is not null && path.StartsWith("cell ", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string? NormalizePath(string path, string? baseFilePath) =>
        IsCell(path) ? path : _files.NormalizePath(path, IsCell(baseFilePath) ? null : baseFilePath);

    /// <inheritdoc />
    public override string? ResolveReference(string path, string? baseFilePath) =>
        _files.ResolveReference(path, IsCell(baseFilePath) ? null : baseFilePath);

    /// <inheritdoc />
    public override Stream OpenRead(string resolvedPath) => _files.OpenRead(resolvedPath);

    /// <inheritdoc />
    public override bool Equals(object? other) => other is CellSourceResolver r && r._files.Equals(_files);

    /// <inheritdoc />
    public override int GetHashCode() => _files.GetHashCode();
}
