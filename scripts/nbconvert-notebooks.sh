#!/usr/bin/env bash
# Executes every notebook through the C# kernel with Jupyter's own client:
#   jupyter nbconvert --to notebook --execute
# Executed copies go to artifacts/nbconvert/. Exits non-zero if any notebook fails.
#
# Usage: scripts/nbconvert-notebooks.sh [--installed | --kernel-dll PATH] [NOTEBOOK...]
#   (default)          build the kernel from this tree and use it through a private kernelspec
#   --installed        use the kernelspec registered by `... RnnNotebooks.Kernel -- install`
#   --kernel-dll PATH  use an already built RnnNotebooks.Kernel.dll
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

mode=build
kernel_dll=""
notebooks=()
while [ $# -gt 0 ]; do
  case "$1" in
    --installed) mode=installed ;;
    --kernel-dll) mode=dll; kernel_dll="$(realpath "$2")"; shift ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) notebooks+=("$1") ;;
  esac
  shift
done
[ ${#notebooks[@]} -gt 0 ] || notebooks=(notebooks/*.ipynb)

# Debian's Python sees Debian's Jupyter packages; another python3 on PATH may not.
python=/usr/bin/python3
"$python" -c "import nbconvert, nbclient" 2>/dev/null || {
  echo "error: $python cannot import nbconvert and nbclient; install Debian's jupyter-nbconvert and python3-nbclient" >&2
  exit 2
}

out="$root/artifacts/nbconvert"
mkdir -p "$out"

if [ "$mode" = build ]; then
  echo "Building the kernel..."
  dotnet build lib/RnnNotebooks.Kernel -c Release --nologo -v quiet --artifacts-path "$root/artifacts/kernel-build" >/dev/null
  kernel_dll="$root/artifacts/kernel-build/bin/RnnNotebooks.Kernel/release/RnnNotebooks.Kernel.dll"
fi
if [ "$mode" != installed ]; then
  [ -f "$kernel_dll" ] || { echo "error: kernel not found at $kernel_dll" >&2; exit 2; }
  # A private kernelspec with the name the notebooks ask for; JUPYTER_PATH wins over the user's own.
  spec_root="$out/jupyter"
  mkdir -p "$spec_root/kernels/.net-csharp-rnn"
  dotnet_host="$(command -v dotnet)"
  cat > "$spec_root/kernels/.net-csharp-rnn/kernel.json" <<JSON
{
 "argv": ["$(realpath "$dotnet_host")", "$kernel_dll", "{connection_file}"],
 "display_name": "C# (RnnNotebooks, this tree)",
 "language": "C#",
 "interrupt_mode": "message"
}
JSON
  export JUPYTER_PATH="$spec_root${JUPYTER_PATH:+:$JUPYTER_PATH}"
fi

failed=()
printf '%-40s %8s  %s\n' notebook seconds status
for notebook in "${notebooks[@]}"; do
  name="$(basename "$notebook")"
  start=$(date +%s%N)
  log="$out/${name%.ipynb}.log"
  if "$python" -m nbconvert --to notebook --execute \
       --ExecutePreprocessor.kernel_name=.net-csharp-rnn \
       --ExecutePreprocessor.timeout=1800 \
       --output-dir "$out" "$notebook" >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed+=("$notebook")
  fi
  elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  printf '%-40s %5d.%01d  %s\n' "$name" $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100)) "$status"
  if [ "$status" = FAILED ]; then
    # nbconvert's report names the failing cell and the kernel's error.
    grep -v -E "Debugger warning|frozen modules|PYDEVD|^0\.00s|make the debugger|Note: Debugging" "$log" | tail -n 40 >&2
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "${#failed[@]} notebook(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "All ${#notebooks[@]} notebook(s) ran through the kernel; executed copies in artifacts/nbconvert/"
