using System.Diagnostics;
using System.Text.Json.Nodes;
using RnnNotebooks.Kernel.Tests.Support;

namespace RnnNotebooks.Kernel.Tests.Protocol;

/// <summary>The kernel's protocol layer, driven over ZeroMQ with a scripted session.</summary>
public sealed class ProtocolTests : IDisposable
{
    private readonly FakeScriptSession _session = new();
    private readonly InProcessKernel _kernel;
    private TestFrontend Frontend => _kernel.Frontend;

    public ProtocolTests() => _kernel = new InProcessKernel(() => _session);

    public void Dispose() => _kernel.Dispose();

    [Fact]
    public void Kernel_info_describes_CSharp_and_protocol_5_3()
    {
        var id = Frontend.SendShell("kernel_info_request", []);
        var reply = Frontend.ReceiveShell();
        Assert.Equal("kernel_info_reply", reply.Type);
        Assert.Equal(id, reply.ParentId);
        Assert.Equal("5.3", reply.Text("protocol_version"));
        var language = reply.Content["language_info"]!;
        Assert.Equal("C#", language["name"]!.GetValue<string>());
        Assert.Equal("text/x-csharp", language["mimetype"]!.GetValue<string>());
        Assert.Equal(".cs", language["file_extension"]!.GetValue<string>());
        Assert.Equal("csharp", language["pygments_lexer"]!.GetValue<string>());
        Assert.Equal(["busy", "idle"], Frontend.IOPubUntilIdle(id).Select(m => m.Content["execution_state"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("")]
    [InlineData("not hex at all")]
    public void A_message_with_a_bad_signature_is_dropped_and_never_executed(string signature)
    {
        Frontend.SendShell("execute_request", new JsonObject { ["code"] = "print forged", ["silent"] = false }, signatureOverride: signature);
        Assert.False(Frontend.TryReceiveShell(TimeSpan.FromSeconds(1), out _));
        var (reply, _) = Frontend.Execute("print genuine");
        Assert.Equal("ok", reply.Text("status"));
        Assert.Equal(["print genuine"], _session.Executed);
        Assert.Equal(1, reply.Content["execution_count"]!.GetValue<int>());
        Assert.Contains(_kernel.Log, line => line.Contains("signature"));
    }

    [Fact]
    public void A_replayed_signed_message_is_dropped_and_logged_not_executed_again()
    {
        var (first, _) = Frontend.Execute("print once");
        Assert.Equal("ok", first.Text("status"));
        var captured = Frontend.LastSentFrames;
        Frontend.Replay(captured, fromNewSocket: false);
        Frontend.Replay(captured, fromNewSocket: true);
        Assert.False(Frontend.TryReceiveShell(TimeSpan.FromSeconds(1), out var extra), $"a replay was answered: {extra?.Type}");
        Assert.Equal("ok", Frontend.Execute("print genuine").Reply.Text("status"));
        Assert.Equal(["print once", "print genuine"], _session.Executed);
        Assert.Equal(2, _kernel.Log.Count(line => line.Contains("replayed", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("kernel.")]
    public void A_new_IOPub_subscriber_is_welcomed_on_its_topic_so_it_knows_it_is_connected(string topic)
    {
        var welcome = Frontend.FirstMessageOfNewSubscriber(topic, TimeSpan.FromSeconds(10));
        Assert.NotNull(welcome);
        Assert.Equal("iopub_welcome", welcome!.Type);
        Assert.Equal(topic, welcome.Text("subscription"));
        Assert.Null(welcome.ParentId);
    }

    [Fact]
    public void Execute_publishes_busy_input_outputs_then_idle_after_the_reply()
    {
        var (reply, iopub) = Frontend.Execute("hello");
        Assert.Equal("execute_reply", reply.Type);
        Assert.Equal("ok", reply.Text("status"));
        Assert.Equal(["status", "execute_input", "execute_result", "status"], iopub.Select(m => m.Type));
        Assert.Equal("busy", iopub[0].Text("execution_state"));
        Assert.Equal("idle", iopub[^1].Text("execution_state"));
        Assert.Equal("hello", iopub[1].Text("code"));
        Assert.Equal(1, iopub[2].Content["execution_count"]!.GetValue<int>());
        Assert.Equal("hello", iopub[2].Content["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Execution_counts_advance_per_stored_cell_and_silent_cells_publish_nothing()
    {
        Frontend.Execute("print a");
        var (silentReply, silentIOPub) = Frontend.Execute("quiet", silent: true);
        Assert.Equal(["status", "status"], silentIOPub.Select(m => m.Type));
        Assert.Equal(1, silentReply.Content["execution_count"]!.GetValue<int>());
        var (reply, _) = Frontend.Execute("print b");
        Assert.Equal(2, reply.Content["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void Stream_output_arrives_as_stream_messages()
    {
        var (_, iopub) = Frontend.Execute("print some text");
        var stream = Assert.Single(iopub, m => m.Type == "stream");
        Assert.Equal("stdout", stream.Text("name"));
        Assert.Equal("some text", stream.Text("text"));
    }

    [Fact]
    public void A_throwing_cell_gets_an_error_reply_and_error_output_and_the_kernel_goes_on()
    {
        var (reply, iopub) = Frontend.Execute("throw boom");
        Assert.Equal("error", reply.Text("status"));
        Assert.Equal("InvalidOperationException", reply.Text("ename"));
        Assert.Equal("boom", reply.Text("evalue"));
        var error = Assert.Single(iopub, m => m.Type == "error");
        Assert.Equal("boom", error.Text("evalue"));
        Assert.Equal("ok", Frontend.Execute("print next").Reply.Text("status"));
    }

    [Fact]
    public void An_engine_exception_becomes_an_error_reply_not_a_dead_kernel()
    {
        var (reply, iopub) = Frontend.Execute("crash here");
        Assert.Equal("error", reply.Text("status"));
        Assert.Contains("engine bug: here", reply.Text("evalue"));
        Assert.Single(iopub, m => m.Type == "error");
        Assert.Equal("ok", Frontend.Execute("print alive").Reply.Text("status"));
    }

    [Fact]
    public void Update_display_data_carries_the_display_id_of_the_display_it_replaces()
    {
        var (_, iopub) = Frontend.Execute("display");
        var display = Assert.Single(iopub, m => m.Type == "display_data");
        var update = Assert.Single(iopub, m => m.Type == "update_display_data");
        var id = display.Content["transient"]!["display_id"]!.GetValue<string>();
        Assert.Equal("progress-1", id);
        Assert.Equal(id, update.Content["transient"]!["display_id"]!.GetValue<string>());
        Assert.Equal("second", update.Content["data"]!["text/plain"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("control")]
    [InlineData("shell")]
    public void Interrupt_stops_a_busy_cell_and_the_session_goes_on(string channel)
    {
        Frontend.Execute("set x 42");
        var id = Frontend.SendShell("execute_request", new JsonObject { ["code"] = "spin", ["silent"] = false });
        WaitUntil(() => _session.Executed.Contains("spin"));
        Thread.Sleep(200);
        var watch = Stopwatch.StartNew();
        if (channel == "control")
        {
            Frontend.SendControl("interrupt_request", []);
            Assert.Equal("interrupt_reply", Frontend.ReceiveControl().Type);
        }
        else
        {
            Frontend.SendShell("interrupt_request", []);
        }
        var replies = new[] { Frontend.ReceiveShell(), channel == "shell" ? Frontend.ReceiveShell() : null };
        var execute = replies.Single(r => r?.Type == "execute_reply")!;
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(id, execute.ParentId);
        Assert.Equal("error", execute.Text("status"));
        Assert.Equal("KeyboardInterrupt", execute.Text("ename"));
        Assert.Equal("42", Frontend.Execute("get x").IOPub.Single(m => m.Type == "execute_result").Content["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Control_requests_get_busy_and_idle_with_their_parent()
    {
        var id = Frontend.SendControl("kernel_info_request", []);
        Assert.Equal("kernel_info_reply", Frontend.ReceiveControl().Type);
        Assert.Equal(["busy", "idle"], Frontend.IOPubUntilIdle(id).Select(m => m.Text("execution_state")));
    }

    [Fact]
    public void A_failed_cell_aborts_the_cells_queued_behind_it()
    {
        var spin = Frontend.SendShell("execute_request", new JsonObject { ["code"] = "spin" });
        var queued = Frontend.SendShell("execute_request", new JsonObject { ["code"] = "print never" });
        WaitUntil(() => _session.Executed.Contains("spin"));
        Frontend.SendControl("interrupt_request", []);
        Assert.Equal("error", Frontend.ReceiveShell().Text("status"));
        var aborted = Frontend.ReceiveShell();
        Assert.Equal(queued, aborted.ParentId);
        Assert.Equal("aborted", aborted.Text("status"));
        Assert.DoesNotContain("print never", _session.Executed);
        Assert.NotEqual(spin, queued);
    }

    [Fact]
    public async Task Shutdown_with_restart_is_answered_and_stops_the_host()
    {
        var id = Frontend.SendControl("shutdown_request", new JsonObject { ["restart"] = true });
        var reply = Frontend.ReceiveControl();
        Assert.Equal("shutdown_reply", reply.Type);
        Assert.Equal(id, reply.ParentId);
        Assert.True(reply.Content["restart"]!.GetValue<bool>());
        Assert.True(await _kernel.Host.Stopped.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Shutdown_during_a_busy_cell_is_answered_at_once()
    {
        Frontend.SendShell("execute_request", new JsonObject { ["code"] = "spin" });
        WaitUntil(() => _session.Executed.Contains("spin"));
        Frontend.SendControl("shutdown_request", new JsonObject { ["restart"] = false });
        Assert.False(Frontend.ReceiveControl(TimeSpan.FromSeconds(5)).Content["restart"]!.GetValue<bool>());
        Assert.False(await _kernel.Host.Stopped.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Huge_output_is_truncated_with_a_note_and_the_kernel_survives()
    {
        var (reply, iopub) = Frontend.Execute("big 3000000");
        Assert.Equal("ok", reply.Text("status"));
        var streams = iopub.Where(m => m.Type == "stream").ToList();
        Assert.Equal(1_000_000, streams.Where(s => s.Text("name") == "stdout").Sum(s => s.Text("text").Length));
        Assert.Contains(streams, s => s.Text("name") == "stderr" && s.Text("text").Contains("truncated"));
        Assert.Contains(streams, s => s.Text("text").Contains("2,000,000 characters of output were dropped"));
        Assert.Equal("ok", Frontend.Execute("print after").Reply.Text("status"));
    }

    [Fact]
    public void A_display_value_that_throws_while_serialized_is_reported_and_the_cell_goes_on()
    {
        var (reply, iopub) = Frontend.Execute("badbundle");
        Assert.Equal("ok", reply.Text("status"));
        Assert.DoesNotContain(iopub, m => m.Type == "display_data");
        Assert.Contains(iopub, m => m.Type == "stream" && m.Text("name") == "stderr" && m.Text("text").Contains("formatter exploded"));
        Assert.Contains(iopub, m => m.Type == "stream" && m.Text("text") == "after");
    }

    [Fact]
    public void Complete_inspect_and_is_complete_answer_from_the_session()
    {
        Frontend.Execute("set alpha 1");
        Frontend.Execute("set alps 2");
        Frontend.SendShell("complete_request", new JsonObject { ["code"] = "x.al", ["cursor_pos"] = 4 });
        var complete = Frontend.ReceiveShell();
        Assert.Equal("complete_reply", complete.Type);
        Assert.Equal(["alpha", "alps"], complete.Content["matches"]!.AsArray().Select(m => m!.GetValue<string>()).Order());
        Assert.Equal(2, complete.Content["cursor_start"]!.GetValue<int>());
        Assert.Equal(4, complete.Content["cursor_end"]!.GetValue<int>());

        Frontend.SendShell("inspect_request", new JsonObject { ["code"] = "Known", ["cursor_pos"] = 2, ["detail_level"] = 0 });
        var inspect = Frontend.ReceiveShell();
        Assert.True(inspect.Content["found"]!.GetValue<bool>());
        Assert.Equal("class Known", inspect.Content["data"]!["text/plain"]!.GetValue<string>());

        Frontend.SendShell("is_complete_request", new JsonObject { ["code"] = "if (x) {" });
        var isComplete = Frontend.ReceiveShell();
        Assert.Equal("incomplete", isComplete.Text("status"));
    }

    [Fact]
    public void Comm_info_and_history_get_empty_replies()
    {
        Frontend.SendShell("comm_info_request", []);
        var comm = Frontend.ReceiveShell();
        Assert.Equal("comm_info_reply", comm.Type);
        Assert.Empty(comm.Content["comms"]!.AsObject());
        Frontend.SendShell("history_request", new JsonObject { ["hist_access_type"] = "tail", ["n"] = 10 });
        var history = Frontend.ReceiveShell();
        Assert.Equal("history_reply", history.Type);
        Assert.Empty(history.Content["history"]!.AsArray());
    }

    [Fact]
    public void History_answers_tail_range_and_glob_search_over_the_cells_that_ran()
    {
        Frontend.Execute("print one");
        Frontend.Execute("answer");
        Frontend.Execute("quiet", silent: true);
        Frontend.Execute("print two");
        Frontend.Execute("answer");

        var tail = History(new JsonObject { ["hist_access_type"] = "tail", ["n"] = 2, ["output"] = false, ["raw"] = true });
        Assert.Equal(["[1,3,\"print two\"]", "[1,4,\"answer\"]"], tail);

        var withOutput = History(new JsonObject { ["hist_access_type"] = "tail", ["n"] = 1, ["output"] = true, ["raw"] = true });
        Assert.Equal(["[1,4,[\"answer\",\"answer\"]]"], withOutput);

        var range = History(new JsonObject { ["hist_access_type"] = "range", ["session"] = 0, ["start"] = 2, ["stop"] = 4, ["output"] = false, ["raw"] = true });
        Assert.Equal(["[1,2,\"answer\"]", "[1,3,\"print two\"]"], range);
        Assert.Empty(History(new JsonObject { ["hist_access_type"] = "range", ["session"] = 7, ["start"] = 1, ["output"] = false, ["raw"] = true }));

        var search = History(new JsonObject { ["hist_access_type"] = "search", ["pattern"] = "print*", ["output"] = false, ["raw"] = true });
        Assert.Equal(["[1,1,\"print one\"]", "[1,3,\"print two\"]"], search);
        var unique = History(new JsonObject { ["hist_access_type"] = "search", ["pattern"] = "an?wer", ["unique"] = true, ["output"] = false, ["raw"] = true });
        Assert.Equal(["[1,4,\"answer\"]"], unique);
        var last = History(new JsonObject { ["hist_access_type"] = "search", ["pattern"] = "*", ["n"] = 1, ["output"] = false, ["raw"] = true });
        Assert.Equal(["[1,4,\"answer\"]"], last);
    }

    private List<string> History(JsonObject request)
    {
        Frontend.SendShell("history_request", request);
        var reply = Frontend.ReceiveShell();
        Assert.Equal("history_reply", reply.Type);
        Assert.Equal("ok", reply.Text("status"));
        return reply.Content["history"]!.AsArray().Select(h => h!.ToJsonString()).ToList();
    }

    [Fact]
    public void An_input_reply_that_answers_nothing_is_logged_and_ignored()
    {
        Frontend.ReplyInput(new TestFrontend.Message("input_request", null, new JsonObject { ["msg_id"] = "nobody-asked" }, []), "stray");
        Assert.Equal("ok", Frontend.Execute("print still fine").Reply.Text("status"));
        Assert.Contains(_kernel.Log, line => line.Contains("input_reply that answers no pending input_request", StringComparison.Ordinal));
    }

    [Fact]
    public void Heartbeat_echoes_even_while_a_cell_is_busy()
    {
        Frontend.SendShell("execute_request", new JsonObject { ["code"] = "spin" });
        WaitUntil(() => _session.Executed.Contains("spin"));
        Assert.True(Frontend.Ping(TimeSpan.FromSeconds(5)));
        Frontend.SendControl("interrupt_request", []);
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "timed out waiting");
            Thread.Sleep(10);
        }
    }
}
