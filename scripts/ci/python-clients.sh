#!/usr/bin/env bash
# Installs the Python clients the emulator is proven against (tencentcloud-sdk-python and tccli,
# pinned) into a venv outside the work tree (about 650 MB: tccli pulls the whole SDK). Idempotent: a venv that
# already has the pinned versions is left as it is. test/emulator/clients/python*.test.ts use it;
# under CI=true they fail when it is missing, elsewhere they skip with a message naming this script.
set -euo pipefail
VENV="${PULUMI_LIVE_PY_CLIENTS:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencentcloud-live-callbacks/py}"
SDK_VERSION="3.1.189"
TCCLI_VERSION="3.1.189.1"
STAMP="$VENV/.installed-$SDK_VERSION-$TCCLI_VERSION"
if [ -f "$STAMP" ]; then
  echo "python clients already in $VENV"
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check \
  "tencentcloud-sdk-python==$SDK_VERSION" \
  "tccli==$TCCLI_VERSION"
touch "$STAMP"
echo "python clients installed in $VENV"
