using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using RnnNotebooks.Kernel.Protocol;

namespace RnnNotebooks.Kernel.Hosting;

/// <summary>
/// Pairs <c>input_reply</c> messages arriving on the stdin channel with the <c>input_request</c> a cell is waiting on:
/// by the reply's parent header, or, when it has none (jupyter_client's <c>KernelClient.input</c> sends none, and
/// ipykernel takes the next reply), the request waiting. A reply to a request no one waits for is ignored.
/// </summary>
internal sealed class InputReplies
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _pending = new(StringComparer.Ordinal);

    /// <summary>Starts waiting for the answer to the input request <paramref name="requestId"/>.</summary>
    public Task<string> Expect(string requestId)
    {
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[requestId] = answer;
        return answer.Task;
    }

    /// <summary>Stops waiting for <paramref name="requestId"/> (the cell was interrupted or gave up).</summary>
    public void Forget(string requestId) => _pending.TryRemove(requestId, out _);

    /// <summary>Delivers an <c>input_reply</c>; false when no cell waits for it.</summary>
    public bool Deliver(JupyterMessage reply)
    {
        var parent = reply.ParentHeader["msg_id"] is JsonValue id && id.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        parent ??= _pending.Keys.FirstOrDefault();
        if (parent is null || !_pending.TryRemove(parent, out var answer))
            return false;
        var value = reply.Content["value"] is JsonValue v && v.TryGetValue<string>(out var line) ? line : "";
        return answer.TrySetResult(value);
    }
}
