#!/usr/bin/env bash
# The whole test suite: type check, unit and integration tests, the Docker tests (which build the
# images they need once; later runs find them cached), then the validation of every bundled task.
# Docker tests may not skip here. Ends with one plain line, `tests: N passed, N failed`, summing every
# test that ran (vitest's tests and the validated tasks); a type check or runner that fails without a
# count adds one failure, so the line never reads as green when something broke.
set -uo pipefail
# One stream: what the steps print on standard error joins standard output, so the closing line is the
# last line of the output whichever way it is read.
exec 2>&1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export SWERIG_REQUIRE_DOCKER=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
status=0

# Adds the counts of a `passed`/`failed` pair; a step that failed without reporting one counts as one failure.
tally() { # tally STEP_EXIT PASSED FAILED
  passed=$((passed + ${2:-0}))
  failed=$((failed + ${3:-0}))
  if [ "$1" -ne 0 ]; then
    status=1
    [ "${3:-0}" -gt 0 ] || failed=$((failed + 1))
  fi
}

# timed NAME CMD...: runs CMD, and notes when it ended (seconds since the start) for the timing line at the end.
timed() {
  local name="$1"
  shift
  "$@"
  local code=$?
  echo "$SECONDS $name" >>"$work/ended.txt"
  return "$code"
}

# The type check runs beside the tests (it is CPU the waiting Docker tests leave free); its output and
# verdict come at the end. Incremental: what it learnt of unchanged files last time is kept in
# node_modules/.cache, so a warm run checks only what changed and what depends on it.
mkdir -p node_modules/.cache/swerig
timed "type check" npx tsc --noEmit --incremental --tsBuildInfoFile node_modules/.cache/swerig/tsc.tsbuildinfo >"$work/tsc.txt" 2>&1 &
tsc_pid=$!

# Lint and format (Biome): a formatting difference or a lint error fails the run.
timed lint npx biome check src test bench examples
tally $? 0 0

if [ "$#" -eq 0 ]; then
  # Every image the suite needs, built two at a time up front (cached afterwards).
  timed images ./bin/swerig images build --tasks swe-tasks --agent-runner --presets all
  tally $? 0 0
fi

# The validation of every bundled task runs beside vitest (both mostly wait on containers); its
# output is printed after vitest's.
if [ "$#" -eq 0 ]; then
  timed "task validation" ./bin/swerig tasks validate --tasks swe-tasks --workers 2 >"$work/validate.txt" 2>&1 &
  validate_pid=$!
fi

# Plain text when the output is not a terminal (a CI log). Vitest reports through our log reporter: a
# plain line per test file and every failure in full, with no banner, check marks or tally of its own,
# so the only count a reader of the log finds is the closing line below.
[ -t 1 ] || export NO_COLOR=1
vitest_run() { # vitest_run NAME ARGS...: writes NAME.json (the report) and NAME.code (its exit status)
  local name="$1"
  shift
  npx vitest run --reporter=./test/helpers/log-reporter.ts --reporter=json --outputFile.json="$work/$name.json" "$@" |
    grep -v -E '^JSON report written to '
  echo "${PIPESTATUS[0]}" >"$work/$name.code"
}
vitest_tally() { # vitest_tally NAME
  local counts
  counts="$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(r.numPassedTests, r.numFailedTests);
  ' "$work/$1.json" 2>/dev/null || echo "0 0")"
  tally "$(cat "$work/$1.code" 2>/dev/null || echo 1)" $counts
}

if [ "$#" -eq 0 ]; then
  # The Docker project (three files at a time) in a process of its own beside the unit project (four at
  # a time); its output is printed after the unit tests'.
  timed "docker tests" vitest_run docker --project docker >"$work/docker.out" 2>&1 &
  docker_pid=$!
  timed "unit tests" vitest_run unit --project unit
  vitest_tally unit
  wait "$docker_pid"
  cat "$work/docker.out"
  vitest_tally docker
else
  timed tests vitest_run selected "$@"
  vitest_tally selected
fi

if [ "$#" -eq 0 ]; then
  wait "$validate_pid"
  code=$?
  counts="$(sed -n 's/^validate: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$work/validate.txt" | tail -n 1)"
  read -r valid invalid <<<"${counts:-0 0}"
  # Its table is printed when a task is not valid or the validation failed; its own count line is left
  # out (the closing line below includes it) and said in words instead.
  if [ "$code" -ne 0 ] || [ "$invalid" -ne 0 ]; then
    grep -v -E '^validate: [0-9]+ passed, [0-9]+ failed$' "$work/validate.txt"
  fi
  echo "bundled tasks validated: $valid valid, $invalid not"
  tally "$code" ${counts:-0 0}
fi

wait "$tsc_pid"
code=$?
[ "$code" -eq 0 ] || { echo "type check (tsc --noEmit) failed:"; cat "$work/tsc.txt"; }
tally "$code" 0 0

# When each step ended, in seconds from the start: the last to end is the one to make faster.
echo "steps ended after (s): $(sort -n "$work/ended.txt" 2>/dev/null | sed -E 's/^([0-9]+) (.*)$/\2 \1/' | paste -sd, | sed 's/,/, /g')"
echo "tests: $passed passed, $failed failed"
exit "$status"
