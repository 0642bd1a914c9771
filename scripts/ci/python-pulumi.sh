#!/usr/bin/env bash
# Installs Python's Pulumi SDK (pulumi from PyPI, pinned) into a venv outside the work tree, for
# test/pulumi/python.test.ts: a Python Automation API inline program using the tencentcloud-live
# provider plugin through the real CLI. Idempotent: a venv that already has the pinned version is
# left as it is. Under CI=true the test fails when the venv is missing; elsewhere it skips with a
# message naming this script.
set -euo pipefail
VENV="${PULUMI_LIVE_PY_PULUMI:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencentcloud-live-callbacks/py-pulumi}"
PULUMI_VERSION="3.272.0"
STAMP="$VENV/.installed-pulumi-$PULUMI_VERSION"
if [ -f "$STAMP" ]; then
  echo "python pulumi SDK already in $VENV"
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "pulumi==$PULUMI_VERSION"
touch "$STAMP"
echo "python pulumi SDK $PULUMI_VERSION installed in $VENV"
