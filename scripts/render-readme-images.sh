#!/usr/bin/env bash
# Renders each executed notebook's key chart as a PNG for the README: docs/images/<notebook>.png.
#
# GitHub's notebook preview does not run plotly.js, so the README shows these pictures instead.
# Run the notebooks first (the README's first command); this reads their executed copies and HTML pages.
#
#   scripts/render-readme-images.sh [--from DIR] [--out DIR] [--size WxH] [NOTEBOOK_STEM...]
#
# The chart is the one in the code cell tagged "readme-figure" (cell metadata), else the first chart.
# Needs Debian's chromium (installed with apt-get when missing and running as root) and /usr/bin/python3.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
from="$repo/artifacts/notebooks"
out="$repo/docs/images"
width=1000
height=520
stems=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --from) from="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --size) width="${2%x*}"; height="${2#*x}"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option '$1' (expected --from DIR, --out DIR, --size WxH or notebook stems)" >&2; exit 2 ;;
        *) stems+=("${1%.ipynb}"); shift ;;
    esac
done
if ! [[ "$width" =~ ^[0-9]+$ && "$height" =~ ^[0-9]+$ ]]; then
    echo "--size expects WIDTHxHEIGHT in pixels, such as 1000x520" >&2; exit 2
fi

browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
    if [[ "$(id -u)" -ne 0 ]]; then
        echo "chromium is not installed; run as root to install it, or: sudo apt-get install -y chromium" >&2; exit 1
    fi
    echo "installing chromium with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    browser="$(command -v chromium)"
fi

if [[ ! -d "$from" ]]; then
    echo "no executed notebooks in $from: run the notebooks first (the README's first command)" >&2; exit 1
fi
if [[ ${#stems[@]} -eq 0 ]]; then
    for notebook in "$from"/*.ipynb; do
        [[ -e "$notebook" ]] && stems+=("$(basename "$notebook" .ipynb)")
    done
fi
if [[ ${#stems[@]} -eq 0 ]]; then
    echo "no executed notebooks in $from: run the notebooks first (the README's first command)" >&2; exit 1
fi

mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
for stem in "${stems[@]}"; do
    notebook="$from/$stem.ipynb"
    exported="$from/$stem.html"
    if [[ ! -f "$notebook" || ! -f "$exported" ]]; then
        echo "$stem: expected $notebook and $exported from the notebook run" >&2; failed=1; continue
    fi
    figure_page="$work/$stem.html"
    set +e
    source_desc="$(/usr/bin/python3 "$repo/scripts/readme_figure.py" --width "$width" --height "$height" "$notebook" "$exported" "$figure_page")"
    status=$?
    set -e
    if [[ $status -eq 3 ]]; then continue; fi
    if [[ $status -ne 0 ]]; then failed=1; continue; fi

    # plotly.js draws after load; virtual time lets it finish before the capture.
    flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1
           --virtual-time-budget=10000 --window-size="$width,$height")
    if ! "$browser" "${flags[@]}" --dump-dom "file://$figure_page" 2>/dev/null | grep -q 'class="main-svg"'; then
        echo "$stem: plotly.js did not draw the chart in chromium" >&2; failed=1; continue
    fi
    shot="$work/$stem.png"
    "$browser" "${flags[@]}" --screenshot="$shot" "file://$figure_page" >/dev/null 2>&1 || true
    if [[ ! -s "$shot" ]]; then
        echo "$stem: chromium wrote no screenshot" >&2; failed=1; continue
    fi
    # Atomic: copy beside the target, then rename over it.
    tmp="$out/.$stem.png.tmp"
    cp "$shot" "$tmp"
    mv -f "$tmp" "$out/$stem.png"
    echo "$stem: $out/$stem.png from $source_desc"
done
exit $failed
