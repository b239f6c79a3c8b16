namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// One value in several representations keyed by MIME type, as Jupyter's <c>data</c> field.
/// Text types map to <see cref="string"/>; JSON types (<c>application/json</c>,
/// <c>application/vnd.plotly.v1+json</c>) map to a <see cref="System.Text.Json.Nodes.JsonNode"/>.
/// </summary>
public sealed record MimeBundle(
    IReadOnlyDictionary<string, object> Data,
    IReadOnlyDictionary<string, object>? Metadata = null);
