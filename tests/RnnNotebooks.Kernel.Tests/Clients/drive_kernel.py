"""Drives the C# kernel through jupyter_client, the library Jupyter frontends use.

Usage: /usr/bin/python3 drive_kernel.py [KERNEL_NAME]

Starts the kernel from its kernelspec, then checks: a first result (timed from start), stream
output, a display updated in place, completion (with its types metadata) and inspection,
is_complete, Console.ReadLine() answered through the stdin channel, an interrupt of
while (true) {} (timed) after which earlier variables survive, an error reply, and a restart
that clears state.
Prints one JSON object with the measurements; exits non-zero on the first failed check.
"""
import json
import sys
import time
from queue import Empty

from jupyter_client.manager import start_new_kernel

KERNEL = sys.argv[1] if len(sys.argv) > 1 else "csharp-rnn"
TIMEOUT = 120


def reply_to(kc, msg_id, timeout=TIMEOUT):
    """The shell reply to msg_id, skipping stale replies (wait_for_ready may leave extra kernel_info replies)."""
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def outputs_of(kc, msg_id, timeout=TIMEOUT):
    """IOPub messages of msg_id up to its idle status."""
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        outputs.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return outputs


def run(kc, code, timeout=TIMEOUT):
    """Executes code; returns (reply content, iopub messages up to idle)."""
    msg_id = kc.execute(code)
    reply = reply_to(kc, msg_id, timeout)
    return reply["content"], outputs_of(kc, msg_id, timeout)


def result_text(outputs):
    for msg in outputs:
        if msg["msg_type"] == "execute_result":
            return msg["content"]["data"].get("text/plain")
    return None


def check(condition, message):
    if not condition:
        print(f"FAILED: {message}", file=sys.stderr)
        sys.exit(1)


def main():
    report = {}
    started = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=TIMEOUT)
    try:
        report["kernel_ready_s"] = round(time.perf_counter() - started, 3)
        reply, outputs = run(kc, "var numbers = new List<int> { 1, 2, 3 };\nnumbers.Sum()")
        report["start_to_first_result_s"] = round(time.perf_counter() - started, 3)
        check(reply["status"] == "ok", f"first cell failed: {reply}")
        check(result_text(outputs) == "6", f"first result: {result_text(outputs)!r}")
        kinds = [m["msg_type"] for m in outputs]
        check(kinds[0] == "status" and kinds[1] == "execute_input" and kinds[-1] == "status", f"order: {kinds}")

        t = time.perf_counter()
        reply, outputs = run(kc, "1 + 1")
        report["second_cell_s"] = round(time.perf_counter() - t, 3)

        reply, outputs = run(kc, 'Console.WriteLine("hello from C#");')
        streams = [m["content"]["text"] for m in outputs if m["msg_type"] == "stream"]
        check("hello from C#\n" in "".join(streams), f"stream output: {streams}")

        reply, outputs = run(kc, 'var handle = display("step 0");\nfor (var i = 1; i <= 3; i++) handle.Update($"step {i}");')
        check(reply["status"] == "ok", f"display cell: {reply}")
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        check(len(shown) == 1 and updates, f"display/update: {[m['msg_type'] for m in outputs]}")
        display_id = shown[0]["content"]["transient"]["display_id"]
        check(all(u["content"]["transient"]["display_id"] == display_id for u in updates), "update display ids differ")
        check("step 3" in json.dumps(updates[-1]["content"]["data"]), "last update is not step 3")

        code = "numbers."
        matches = reply_to(kc, kc.complete(code, len(code)))["content"]["matches"]
        check("Count" in matches and "Add" in matches, f"completion of numbers.: {matches[:20]}")
        report["completions_for_numbers"] = len(matches)

        code = "numbers.Add"
        inspect = reply_to(kc, kc.inspect(code, len(code)))["content"]
        check(inspect["found"], f"inspect found nothing: {inspect}")
        report["inspect_numbers_Add"] = inspect["data"]["text/plain"].splitlines()[0]

        code = "Console.Wri"
        t = time.perf_counter()
        completion = reply_to(kc, kc.complete(code, len(code)))["content"]
        report["complete_Console_Wri_s"] = round(time.perf_counter() - t, 3)
        check(set(completion["matches"]) == {"Write", "WriteLine"}, f"completion of Console.Wri: {completion['matches']}")
        types = completion["metadata"].get("_jupyter_types_experimental", [])
        check(any(t["text"] == "WriteLine" and t["type"] == "method" and "WriteLine" in t.get("signature", "") for t in types),
              f"completion types: {types}")

        status = reply_to(kc, kc.is_complete("if (true) {"))["content"]["status"]
        check(status == "incomplete", f"is_complete of an open brace: {status}")
        status = reply_to(kc, kc.is_complete("int x = );"))["content"]["status"]
        check(status == "invalid", f"is_complete of int x = );: {status}")

        msg_id = kc.execute('Console.Write("name? ");\nvar name = Console.ReadLine();\nname.ToUpper()', allow_stdin=True)
        request = kc.get_stdin_msg(timeout=TIMEOUT)
        check(request["msg_type"] == "input_request" and request["parent_header"]["msg_id"] == msg_id, f"stdin: {request}")
        kc.input("ada")
        reply = reply_to(kc, msg_id)["content"]
        check(reply["status"] == "ok", f"cell reading input: {reply}")
        check(result_text(outputs_of(kc, msg_id)) == "ADA", "the cell did not get the input")

        msg_id = kc.execute("var spins = 0L;\nwhile (true) { spins++; }")
        while True:
            msg = kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
                break
        time.sleep(1.0)
        t = time.perf_counter()
        km.interrupt_kernel()
        reply = reply_to(kc, msg_id, 30)["content"]
        report["interrupt_latency_s"] = round(time.perf_counter() - t, 3)
        check(reply["status"] == "error", f"interrupted cell reply: {reply}")
        report["interrupt_ename"] = reply.get("ename")
        reply, outputs = run(kc, "numbers.Count")
        check(result_text(outputs) == "3", f"variables after interrupt: {result_text(outputs)!r}")

        reply, outputs = run(kc, 'throw new InvalidOperationException("boom");')
        check(reply["status"] == "error" and "boom" in reply["evalue"], f"error reply: {reply}")
        check(any(m["msg_type"] == "error" for m in outputs), "no error output")

        t = time.perf_counter()
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=TIMEOUT)
        report["restart_s"] = round(time.perf_counter() - t, 3)
        reply, outputs = run(kc, "numbers.Count")
        check(reply["status"] == "error", "a variable survived the restart")
        reply, outputs = run(kc, "40 + 2")
        check(result_text(outputs) == "42", "cell after restart")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    report["ok"] = True
    print(json.dumps(report))


if __name__ == "__main__":
    main()
