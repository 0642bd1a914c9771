#!/usr/bin/env bash
# Installs a JDK and Maven from Debian's packages, for test/pulumi/sdks.test.ts: it compiles the
# Java SDK that `npm run plugin:sdks` generates, with the dependencies its build.gradle names
# (com.pulumi:pulumi from Maven Central). Idempotent: nothing is installed when javac and mvn
# are already on PATH. Under CI=true that test fails without them; elsewhere it skips, naming
# this script.
set -euo pipefail
if command -v javac >/dev/null && command -v mvn >/dev/null; then
  echo "javac and mvn already installed"
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven
echo "installed openjdk-17-jdk-headless and maven"
