"""Jupyter's own conformance suite (jupyter_kernel_test) for the C# kernel.

Usage: /usr/bin/python3 -m unittest -v kernel_conformance   (JUPYTER_PATH must hold the csharp-rnn kernelspec)

Every sample below is something a front end sends: JupyterLab and VS Code ask for completions and
inspection, console front ends ask is_complete before running a line.
"""
import unittest

import jupyter_kernel_test


class CSharpKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "csharp-rnn"
    language_name = "C#"
    file_extension = ".cs"

    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("something went wrong");'
    code_generate_error = 'throw new InvalidOperationException("boom");'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "Math.Sqrt(16.0)", "result": "4"},
        {"code": 'string.Join(",", new[] { 1, 2, 3 })', "result": "1,2,3"},
    ]
    code_display_data = [
        {"code": 'display(HTML("<b>bold</b>"));', "mime": "text/html"},
        {"code": "display(42);", "mime": "text/plain"},
    ]

    # The history this kernel keeps: the cells of the running session.
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "Math.Sq*"

    completion_samples = [
        {"text": "Console.Wri", "matches": {"Write", "WriteLine"}},
        {"text": "Math.Sqr", "matches": {"Sqrt"}},
        {"text": "var text = \"abc\";\ntext.ToUpp", "matches": {"ToUpper", "ToUpperInvariant"}},
    ]

    complete_code_samples = [
        "1 + 1",
        "var x = 1;",
        'Console.WriteLine("done");',
        "class Point { public int X; }",
        "if (true) { }",
        "for (var i = 0; i < 3; i++) { }",
        "// only a comment",
        '#r "nuget: MathNet.Numerics, 5.0.0"',
        "",
    ]
    incomplete_code_samples = [
        "if (true) {",
        "Console.WriteLine(",
        "var total = 1 +",
        "class Point {",
        'var s = @"a verbatim string',
        "/* an open comment",
        "for (var i = 0; i < 3; i++)",
        "var xs = new[] { 1, 2,",
    ]
    invalid_code_samples = [
        "}",
        "int x = );",
        "x = )",
        "var x = 1 2;",
        "if (true) { ) }",
        "Console.WriteLine(1))",
        'var s = "a one-line string',
    ]

    code_inspect_sample = "Console.WriteLine"


if __name__ == "__main__":
    unittest.main()
