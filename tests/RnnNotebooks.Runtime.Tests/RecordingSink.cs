using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Tests;

internal sealed class RecordingSink : ICellOutputSink
{
    public List<(string Kind, object Payload, string? Id)> Events { get; } = [];

    public string Stdout => string.Concat(Events.Where(e => e.Kind == "stdout").Select(e => (string)e.Payload));
    public string Stderr => string.Concat(Events.Where(e => e.Kind == "stderr").Select(e => (string)e.Payload));
    public IEnumerable<MimeBundle> Results => Events.Where(e => e.Kind == "result").Select(e => (MimeBundle)e.Payload);
    public IEnumerable<CellError> Errors => Events.Where(e => e.Kind == "error").Select(e => (CellError)e.Payload);

    public void Stream(string name, string text) { lock (Events) Events.Add((name, text, null)); }
    public void Display(MimeBundle bundle, string displayId) { lock (Events) Events.Add(("display", bundle, displayId)); }
    public void UpdateDisplay(MimeBundle bundle, string displayId) { lock (Events) Events.Add(("update", bundle, displayId)); }
    public void Result(MimeBundle bundle, int executionCount) { lock (Events) Events.Add(("result", bundle, null)); }
    public void Error(CellError error) { lock (Events) Events.Add(("error", error, null)); }
}
