#!/usr/bin/env bash
# Before pulumi starts: is the CAM role named in TENCENTCLOUD_CAM_ROLE_NAME the one bound to this
# instance, and does the metadata service hand out its credentials? Fails in seconds with a
# message naming the role and the variable otherwise. Never prints a credential.
set -euo pipefail
metadata="${TENCENTCLOUD_METADATA_ENDPOINT:-http://metadata.tencentyun.com}"
role="${TENCENTCLOUD_CAM_ROLE_NAME:?set TENCENTCLOUD_CAM_ROLE_NAME to the CAM role bound to this instance}"
url="$metadata/latest/meta-data/cam/security-credentials/"

if ! bound="$(curl -sf --max-time 3 "$url")"; then
  echo "check-role: no CAM role is bound to this instance, or the metadata service ($metadata) did not answer" >&2
  exit 1
fi
if [ "$bound" != "$role" ]; then
  echo "check-role: the instance's CAM role is \"$bound\", not \"$role\" (TENCENTCLOUD_CAM_ROLE_NAME)" >&2
  exit 1
fi
# The answer is the role's temporary keys: read, never kept or shown.
if ! curl -sf --max-time 3 -o /dev/null "$url$role"; then
  echo "check-role: the metadata service gave no credentials for \"$role\"" >&2
  exit 1
fi
echo "check-role: signing with the instance's CAM role \"$role\""
