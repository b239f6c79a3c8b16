#!/usr/bin/env bash
# Runs each notebook under the four runtimes one after the other and prints a table of seconds:
#   runner     dotnet run --project lib/RnnNotebooks.Runner (one notebook per worker process)
#   kernel     the RnnNotebooks kernel through `jupyter nbconvert --execute` (scripts/nbconvert-notebooks.sh's kernelspec)
#   dni        .NET Interactive's CSharpKernel in-process (RnnNotebooks.Interactive.Tests, one test per notebook)
#   dni-jupyter  .NET Interactive's Jupyter kernel (the dotnet-interactive tool) through nbconvert
# Seconds are wall-clock for the whole notebook, start-up included; compare ratios taken in one run.
#
# Usage: scripts/compare-runtimes.sh [NOTEBOOK...]     (default: notebooks/*.ipynb)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
notebooks=("$@")
[ ${#notebooks[@]} -gt 0 ] || notebooks=(notebooks/*.ipynb)
python=/usr/bin/python3
out="$root/artifacts/compare-runtimes"
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1 PYDEVD_DISABLE_FILE_VALIDATION=1

echo "Building..." >&2
dotnet build lib/RnnNotebooks.Runner -c Release --nologo -v quiet >/dev/null
dotnet build lib/RnnNotebooks.Kernel -c Release --nologo -v quiet --artifacts-path "$out/kernel-build" >/dev/null
dotnet build tests/RnnNotebooks.Interactive.Tests -c Release --nologo -v quiet >/dev/null
dotnet tool restore >/dev/null

# Private kernelspecs: ours, built from this tree, and .NET Interactive's, from the pinned tool.
spec="$out/jupyter/kernels"
mkdir -p "$spec/.net-csharp-rnn" "$spec/.net-csharp"
cat > "$spec/.net-csharp-rnn/kernel.json" <<JSON
{"argv": ["$(command -v dotnet)", "$out/kernel-build/bin/RnnNotebooks.Kernel/release/RnnNotebooks.Kernel.dll", "{connection_file}"],
 "display_name": "C# (RnnNotebooks, this tree)", "language": "C#", "interrupt_mode": "message"}
JSON
cat > "$spec/.net-csharp/kernel.json" <<JSON
{"argv": ["dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter", "--default-kernel", "csharp", "{connection_file}"],
 "display_name": ".NET (C#)", "language": "C#"}
JSON
export JUPYTER_PATH="$out/jupyter"

seconds() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }
run() { # label, command...
  local label=$1; shift
  local start; start=$(date +%s%N)
  if "$@" >"$out/$label.log" 2>&1; then printf '%8s' "$(seconds "$start")"; else printf '%8s' "FAIL"; fi
}

printf '%-30s %8s %8s %8s %12s\n' notebook runner kernel dni dni-jupyter
for notebook in "${notebooks[@]}"; do
  name="$(basename "$notebook")"
  printf '%-30s' "$name"
  run "runner-$name" dotnet lib/RnnNotebooks.Runner/bin/Release/net10.0/RnnNotebooks.Runner.dll "$notebook" --out "$out/runner"
  run "kernel-$name" "$python" -m nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp-rnn \
    --ExecutePreprocessor.timeout=1800 --output-dir "$out/kernel" "$notebook"
  run "dni-$name" dotnet test tests/RnnNotebooks.Interactive.Tests -c Release --no-build \
    --filter "FullyQualifiedName~InProcessKernelTests&DisplayName~$name"
  printf '    '
  run "dni-jupyter-$name" "$python" -m nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp \
    --ExecutePreprocessor.timeout=1800 --output-dir "$out/dni-jupyter" "$notebook"
  echo
done
echo "Logs and executed copies in $out" >&2
