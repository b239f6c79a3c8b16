namespace RnnNotebooks;

/// <summary>
/// The cancellation that the library's long loops (training batches, gradient-check entries) observe without
/// taking a token as a parameter. A host that runs user code, such as a notebook kernel, publishes a token
/// source once through <see cref="AppContext.SetData(string, object?)"/> under <see cref="HostDataName"/>
/// as a <see cref="Func{TResult}"/> returning the token of the code currently running (usually read from
/// an <see cref="AsyncLocal{T}"/>, so work started with <c>Task.Run</c> sees it too). Without a host the token
/// is <see cref="CancellationToken.None"/> and the checks cost one dictionary look-up.
/// </summary>
public static class AmbientCancellation
{
    /// <summary>The <see cref="AppContext"/> data name under which a host publishes its token source.</summary>
    public const string HostDataName = "RnnNotebooks.AmbientCancellation";

    private static Func<CancellationToken>? s_host;

    /// <summary>The token of the code running on this logical thread; <see cref="CancellationToken.None"/> without a host.</summary>
    public static CancellationToken Token =>
        (s_host ??= AppContext.GetData(HostDataName) as Func<CancellationToken>) is { } host ? host() : CancellationToken.None;

    /// <summary>Throws <see cref="OperationCanceledException"/> when the host asked the running code to stop.</summary>
    public static void ThrowIfCancellationRequested() => Token.ThrowIfCancellationRequested();
}
