"""Seconds from launching a Jupyter kernel to the result of its first cell, as a front end sees it.

Usage: kernel_first_cell.py <kernel command...>   (the connection file is appended to the command)
Prints one JSON line: {"seconds": ..., "result": "<text/plain of the first cell>"}.
"""
import json
import os
import sys
import tempfile
import time

from jupyter_client import KernelManager

CELL = "1 + 1"


def main():
    command = sys.argv[1:]
    if not command:
        sys.exit("usage: kernel_first_cell.py <kernel command...>")
    spec_root = tempfile.mkdtemp(prefix="kernel-bench-")
    os.makedirs(os.path.join(spec_root, "kernels", "bench"))
    with open(os.path.join(spec_root, "kernels", "bench", "kernel.json"), "w") as spec:
        json.dump({"argv": [*command, "{connection_file}"], "display_name": "bench", "language": "csharp"}, spec)
    os.environ["JUPYTER_PATH"] = spec_root
    manager = KernelManager(kernel_name="bench")
    start = time.perf_counter()
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        message_id = client.execute(CELL)
        result = None
        while result is None:
            message = client.get_iopub_msg(timeout=60)
            if message["parent_header"].get("msg_id") != message_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind in ("execute_result", "display_data"):
                result = content["data"].get("text/plain", json.dumps(content["data"]))
            elif kind == "stream":
                result = content["text"]
            elif kind == "error":
                sys.exit(f"the first cell failed: {content['ename']}: {content['evalue']}")
        seconds = time.perf_counter() - start
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    print(json.dumps({"seconds": seconds, "result": result.strip()}))


if __name__ == "__main__":
    main()
