#!/usr/bin/env bash
# Python and Jupyter from the distribution's packages (no pip): the notebook server, nbconvert and
# nbclient (which run notebooks headlessly through the C# kernel), and ipykernel.
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
packages=(python3 python3-nbformat python3-nbclient python3-jupyter-client python3-ipykernel jupyter-nbconvert jupyter-notebook)
# JupyterLab is packaged by some releases only.
if apt-cache show jupyterlab >/dev/null 2>&1; then
  packages+=(jupyterlab)
fi
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"
