#!/usr/bin/python3
"""Puts every notebook into the shape that all four runtimes need; running it again changes nothing.

Usage: scripts/notebook-metadata.py [--check] [NOTEBOOK...]   (default: notebooks/*.ipynb)

1. Notebook metadata:
   - kernelspec {"name": ".net-csharp-rnn", "display_name": "C# (RnnNotebooks)", "language": "C#"}: the
     `.net-` prefix lets Polyglot Notebooks claim the notebook; the full name is the kernelspec that
     `rnn-notebooks-kernel install` registers, so Jupyter front ends pick the RnnNotebooks kernel by name;
   - language_info for C#;
   - polyglot_notebook.kernelInfo with the default kernel "csharp".
2. Every code cell's metadata names its language for .NET Interactive:
   {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}.
3. Setup: the first code cell is exactly BUILD_CELL (`#load "setup.csx"`, which builds lib/ from the working
   tree when stale), preceded by BUILD_NOTE; the second code cell starts with LIBRARY_REFERENCES (ordinary #r
   lines for the built assemblies, FSharp.Core included: the .NET Interactive tool's own FSharp.Core is older than
   Plotly.NET's, and compiling against it fails), replacing any `#r "project: ..."` or earlier library #r lines.
   Older notebooks whose first code cell holds `#r "project: ..."` get the two build cells inserted before the
   markdown cell that introduces that setup cell.

--check reports notebooks that are not in this shape and exits 1, without writing.
"""
import json
import re
import sys
from pathlib import Path

KERNELSPEC = {"display_name": "C# (RnnNotebooks)", "language": "C#", "name": ".net-csharp-rnn"}
LANGUAGE_INFO = {"file_extension": ".cs", "mimetype": "text/x-csharp", "name": "C#", "pygments_lexer": "csharp"}
POLYGLOT = {"kernelInfo": {"defaultKernelName": "csharp",
                           "items": [{"aliases": [], "languageName": "C#", "name": "csharp"}]}}
CELL_METADATA = {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}

BUILD_NOTE = ("The next cell builds the library in `lib/` from this working tree when a source changed since the "
              "last build (otherwise it only checks), and prepares charts and tables for whichever runtime runs the "
              "notebook: the project's kernel or runner, or .NET Interactive. `setup.csx` says how.")
BUILD_CELL = '#load "setup.csx"'
LIBRARY_REFERENCES = [
    '#r "../artifacts/notebook-lib/RnnNotebooks.dll"',
    '#r "../artifacts/notebook-lib/RnnNotebooks.Charts.dll"',
    '#r "../artifacts/notebook-lib/Plotly.NET.dll"',
    '#r "../artifacts/notebook-lib/Plotly.NET.CSharp.dll"',
    '#r "../artifacts/notebook-lib/DynamicObj.dll"',
    '#r "../artifacts/notebook-lib/FSharp.Core.dll"',
    '#r "../artifacts/notebook-lib/MathNet.Numerics.dll"',
]
LIBRARY_LINE = re.compile(r'^\s*#r\s+"(project:\s*RnnNotebooks[\w.]*|\.\./artifacts/notebook-lib/[^"]+)"\s*$')


def source_lines(cell):
    text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    return text.split("\n")


def set_source(cell, lines):
    text = "\n".join(lines)
    parts = text.split("\n")
    cell["source"] = [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def code_cell(cell_id, text):
    cell = {"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": {}, "outputs": [], "source": []}
    set_source(cell, text.split("\n"))
    return cell


def markdown_cell(cell_id, text):
    cell = {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": []}
    set_source(cell, text.split("\n"))
    return cell


def transform(nb, stem):
    meta = nb["metadata"]
    meta["kernelspec"] = dict(KERNELSPEC)
    meta["language_info"] = dict(LANGUAGE_INFO)
    meta["polyglot_notebook"] = json.loads(json.dumps(POLYGLOT))

    cells = nb["cells"]
    code = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
    if not code:
        raise SystemExit(f"{stem}: no code cell")
    if "".join(source_lines(cells[code[0]])).strip() != BUILD_CELL:
        first = code[0]
        # Insert before the markdown cell that introduces the old setup cell, if there is one.
        at = first - 1 if first > 0 and cells[first - 1]["cell_type"] == "markdown" else first
        prefix = stem.split("-")[0]
        cells[at:at] = [markdown_cell(f"nb{prefix}-build-note", BUILD_NOTE), code_cell(f"nb{prefix}-build", BUILD_CELL)]
        code = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
    if len(code) < 2:
        raise SystemExit(f"{stem}: expected a setup cell after the build cell")
    setup = cells[code[1]]
    rest = [line for line in source_lines(setup) if not LIBRARY_LINE.match(line)]
    set_source(setup, LIBRARY_REFERENCES + rest)

    for cell in cells:
        if cell["cell_type"] == "code":
            cell["metadata"].update(json.loads(json.dumps(CELL_METADATA)))
    return nb


def main(argv):
    check = "--check" in argv
    paths = [Path(a) for a in argv if a != "--check"] or sorted(Path(__file__).resolve().parent.parent.glob("notebooks/*.ipynb"))
    stale = []
    for path in paths:
        before = path.read_text(encoding="utf-8")
        nb = transform(json.loads(before), path.stem)
        after = json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        if after != before:
            stale.append(path)
            if not check:
                tmp = path.with_suffix(".ipynb.tmp")
                tmp.write_text(after, encoding="utf-8")
                tmp.replace(path)
    for path in stale:
        print(f"{'not in shape' if check else 'updated'}: {path}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
