#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest target for real, one after the other (each its own JVM), and
# prints one summary line per target: executions, coverage, findings.
#
#   scripts/fuzz-all.sh [DURATION]        e.g. scripts/fuzz-all.sh 3m   (default 2m per target)
#
# One target by hand:
#   JAZZER_FUZZ=1 ./mvnw -B -pl rtmp-core -am test -Dtest='ChunkDecoderFuzzTest#shouldNeverThrowStallOrOverrunTheLimits' \
#       -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.hooks=true -Djazzer.instrument='io.github.rtmpflow.**' \
#       -Djazzer.max_duration=10m
# (jazzer.instrument: by default only the fuzz test's own package is instrumented for coverage.)
# Findings land in src/test/resources/<package>/<Class>Inputs/<method>/crash-*: from then on
# `verify` replays them in regression mode. The growing corpus stays in <module>/.cifuzz-corpus (ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-2m}"
logs="target/fuzz-logs"
mkdir -p "$logs"
targets=(
  "rtmp-core HandshakeFuzzTest#fuzzServer"
  "rtmp-core HandshakeFuzzTest#fuzzClient"
  "rtmp-core ChunkDecoderFuzzTest#shouldNeverThrowStallOrOverrunTheLimits"
  "rtmp-core ChunkSizeFuzzTest#shouldRoundTripAtAnyChunkSize"
  "rtmp-core ChunkSizeFuzzTest#shouldNeverThrowAfterAnyChunkSize"
  "rtmp-core AmfFuzzTest#readAll"
  "rtmp-core AmfFuzzTest#readAmf3"
  "rtmp-core MessageCodecFuzzTest#fuzzDecode"
  "rtmp-core ServerSessionFuzzTest#fuzzSession"
  "rtmp-core ClientSessionFuzzTest#fuzzReplies"
  "rtmp-flv FlvFuzzTest#videoTagBodies"
  "rtmp-flv FlvFuzzTest#audioTagBodies"
  "rtmp-flv FlvFuzzTest#configurationRecords"
  "rtmp-flv FlvFuzzTest#scriptBodies"
  "rtmp-flv FlvFuzzTest#flvFiles"
)
for entry in "${targets[@]}"; do
  module="${entry%% *}"
  target="${entry#* }"
  log="$logs/${target//#/_}.log"
  status=0
  JAZZER_FUZZ=1 ./mvnw -B -pl "$module" -am test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.hooks=true -Djazzer.instrument='io.github.rtmpflow.**' -Djazzer.max_duration="$duration" \
      > "$log" 2>&1 || status=$?
  done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)"
  findings="$(grep -cE '== Java Exception|Uncaught exception|Test unit written to' "$log" || true)"
  echo "$target status=$status findings=$findings ${done_line:-no DONE line, see $log}"
done
