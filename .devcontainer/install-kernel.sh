#!/usr/bin/env bash
# Packs the kernel from this tree, installs it as a global .NET tool and registers its kernelspec, the way the
# README tells a Jupyter user to; restores the pinned dotnet-interactive tool for .NET Interactive's kernel too.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet pack -c Release
dotnet tool uninstall --global RnnNotebooks.Kernel >/dev/null 2>&1 || true
dotnet tool install --global --add-source artifacts/packages RnnNotebooks.Kernel
"$HOME/.dotnet/tools/rnn-notebooks-kernel" install
dotnet tool restore
