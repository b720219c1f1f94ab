#!/usr/bin/env bash
# Regenerates the fixtures under testdata/fixtures/ with real Kafka brokers (4.3.1 and 3.9.1) on 127.0.0.1.
# Usage: testdata/generate.sh [scenario...]   (no argument: every scenario; see testdata/README.md)
# Needs only Java 17+ and Maven with access to Maven Central. KFSCK_FIXTURES_OUT=dir writes elsewhere (for a trial run).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
mvn -q -B -ntp -pl testdata -am compile
mvn -q -B -ntp -f testdata/kafka-3.9/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="$(cat testdata/target/broker-classpath.txt)"
exec java -cp "testdata/target/classes:$cp" -Dkfsck.testdata.dir="$here" \
  -Dkfsck.fixtures.out="${KFSCK_FIXTURES_OUT:-$here/fixtures}" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  dev.kfsck.testdata.gen.Generate "$@"
