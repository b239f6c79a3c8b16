namespace RnnNotebooks.Runtime.Execution;

/// <summary>A package could not be provided; the message says which and why.</summary>
public sealed class PackageResolutionException(string message, Exception? inner = null) : Exception(message, inner);
