#!/usr/bin/python3
"""Builds a standalone page showing one notebook's key chart, for scripts/render-readme-images.sh.

The chart is the first Plotly output of the code cell tagged "readme-figure" (cell metadata "tags"),
or else the first Plotly output of the notebook. plotly.js is taken from the notebook's exported HTML
page, which inlines it, so the page needs no network.
"""
import argparse
import json
import re
import sys

PLOTLY_MIME = "application/vnd.plotly.v1+json"
TAG = "readme-figure"


def plotly_outputs(cell):
    for output in cell.get("outputs", []):
        figure = output.get("data", {}).get(PLOTLY_MIME)
        if isinstance(figure, dict):
            yield figure


def key_figure(notebook):
    code_cells = [c for c in notebook.get("cells", []) if c.get("cell_type") == "code"]
    tagged = [c for c in code_cells if TAG in (c.get("metadata", {}).get("tags") or [])]
    for cell in tagged:
        for figure in plotly_outputs(cell):
            return figure, f'the cell tagged "{TAG}"'
    if tagged:
        raise SystemExit(f'a cell is tagged "{TAG}" but has no Plotly output; was the notebook executed?')
    for cell in code_cells:
        for figure in plotly_outputs(cell):
            return figure, "the first chart (no cell is tagged \"readme-figure\")"
    return None, None


def plotly_script(page_html):
    scripts = re.findall(r"<script>(.*?)</script>", page_html, flags=re.S)
    bundles = [s for s in scripts if "plotly.js v" in s[:400]]
    if not bundles:
        raise SystemExit("the exported page has no inlined plotly.js")
    return bundles[0]


def page(figure, plotly_js, width, height):
    layout = dict(figure.get("layout") or {})
    layout.update(width=width, height=height, autosize=False)
    layout.setdefault("paper_bgcolor", "white")
    figure = {"data": figure.get("data", []), "layout": layout}
    # Keep "</script" inside the JSON from closing the element.
    figure_json = json.dumps(figure, separators=(",", ":")).replace("</", "<\\/")
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        "<style>html,body{margin:0;padding:0;background:#fff;overflow:hidden}</style>"
        f"<script>{plotly_js}</script></head><body><div id=\"figure\" style=\"width:{width}px;height:{height}px\"></div>"
        f"<script>var f={figure_json};"
        "Plotly.newPlot('figure',f.data,f.layout,{staticPlot:true,displayModeBar:false});</script>"
        "</body></html>\n"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notebook", help="an executed .ipynb")
    parser.add_argument("exported_page", help="the notebook's exported .html page (for plotly.js)")
    parser.add_argument("out", help="the figure page to write")
    parser.add_argument("--width", type=int, default=1000)
    parser.add_argument("--height", type=int, default=520)
    args = parser.parse_args()

    with open(args.notebook, encoding="utf-8") as f:
        notebook = json.load(f)
    figure, source = key_figure(notebook)
    if figure is None:
        print(f"{args.notebook}: no Plotly chart in the outputs; skipped", file=sys.stderr)
        return 3
    with open(args.exported_page, encoding="utf-8") as f:
        plotly_js = plotly_script(f.read())
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(page(figure, plotly_js, args.width, args.height))
    print(source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
