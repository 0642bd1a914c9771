#!/usr/bin/env bash
# Builds tools/pulumi-codegen (Pulumi's code generators as Go packages) and generates the
# tencentcloud-live SDKs into sdk/<language>/ with `npm run plugin:sdks`, so that the real-CLI
# suites that use them (test/pulumi/sdks.test.ts, python.test.ts, goProgram.test.ts) do not pay
# the tool's cold build. Idempotent: the tool is cached by a hash of its sources and a second
# run only rewrites the SDKs (seconds). Needs Go and the Pulumi CLI build (`npm run pulumi:bin`,
# which the script runs first). The suites regenerate the SDKs themselves, so this is a warm-up,
# not a requirement.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run --silent pulumi:bin >/dev/null
npm run --silent plugin:sdks
