#!/usr/bin/env bash
# `make test`: a separate fresh stack under var/test/ (sanitizer build, ports 18080/18090/13307), every suite, one closing line "N passed, N failed".
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/stack.sh"
tts_env test
cd "$TTS_ROOT"

# What the suites read.
export BASE_URL="http://127.0.0.1:$TTS_APP_PORT"
export SANDBOX_URL="http://127.0.0.1:$TTS_SANDBOX_PORT"
export CHROME_BIN=${CHROME_BIN:-/usr/bin/chromium}
unset CMOCKA_MESSAGE_OUTPUT CMOCKA_XML_FILE   # keep cmocka's standard summary lines

# Caps per suite so a hang cannot eat CI's time (seconds).
UNIT_TIMEOUT=${TTS_UNIT_TIMEOUT:-300}
API_TIMEOUT=${TTS_API_TIMEOUT:-1200}
BROWSER_TIMEOUT=${TTS_BROWSER_TIMEOUT:-1200}
RELIABILITY_TIMEOUT=${TTS_RELIABILITY_TIMEOUT:-600}

SANITIZER_RE='ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer'
PASSED=0
FAILED=0
RESULTS=()
STARTED=()
suite_pid=""
finished=0
stack_ok=0

# record NAME PASSED FAILED [WHY]: adds to the totals and to the report printed at the end.
record() {
  PASSED=$((PASSED + $2))
  FAILED=$((FAILED + $3))
  RESULTS+=("$(printf '  %-10s passed=%-5s failed=%-4s %s' "$1" "$2" "$3" "${4:-}")")
}

# run_capped SECONDS LOG COMMAND...: runs COMMAND under `timeout` (its own process group, so the
# whole group can be stopped), output into LOG and shown as it comes. Returns COMMAND's status.
run_capped() {
  local secs=$1 log=$2 rc=0 tail_pid
  shift 2
  : >"$log"
  timeout -k 10 "$secs" "$@" >>"$log" 2>&1 </dev/null &
  suite_pid=$!
  tail -n +1 -f --pid="$suite_pid" "$log" &
  tail_pid=$!
  wait "$suite_pid" || rc=$?
  wait "$tail_pid" 2>/dev/null || true
  suite_pid=""
  if ((rc == 124 || rc == 137)); then
    echo "*** timed out after ${secs}s" | tee -a "$log"
  fi
  return "$rc"
}

# show_sanitizer_reports LOG: prints each sanitizer report of LOG (capped); prints their number on fd 3.
show_sanitizer_reports() {
  local log=$1 n
  n=$(grep -cE "$SANITIZER_RE" "$log" 2>/dev/null) || n=0
  if ((n > 0)); then
    echo "*** $n sanitizer report(s) in ${log#"$TTS_ROOT"/}:"
    grep -nE -A 25 "$SANITIZER_RE" "$log" | head -n 300
  fi
  echo "$n" >&3
}

# sum_matches LOG SED_EXPR: the sum of the numbers SED_EXPR extracts from LOG's lines.
sum_matches() {
  sed -nE "$2" "$1" | awk '{ s += $1 } END { print s + 0 }'
}

suite_unit() {
  local log=$TTS_LOG_DIR/unit.log rc=0 p f crashed why=""
  # Unit tests get none of the stack's TTS_* variables: they test defaults and parsing themselves.
  local clean=() v
  for v in $(compgen -e | grep '^TTS_'); do clean+=(-u "$v"); done
  note "suite unit: make -C backend SAN=1 unit"
  run_capped "$UNIT_TIMEOUT" "$log" env "${clean[@]}" make -C "$TTS_ROOT/backend" SAN=1 -j"$(nproc)" unit || rc=$?
  p=$(sum_matches "$log" 's/^\[  PASSED  \] ([0-9]+) test\(s\)\..*/\1/p')
  f=$(sum_matches "$log" 's/^\[  FAILED  \] ([0-9]+) test\(s\), listed below:.*/\1/p')
  # A test binary (announced by "== path" in backend/Makefile) that printed no summary crashed.
  crashed=$(awk '/^== /{ if (open && !seen) c++; open = 1; seen = 0 }
                 /^\[==========\] [0-9]+ test\(s\) run\./{ seen = 1 }
                 END { if (open && !seen) c++; print c + 0 }' "$log")
  f=$((f + crashed))
  ((crashed)) && why="$crashed test binary(ies) crashed"
  if ((rc != 0 && f == 0)); then
    f=1
    why="make exited with status $rc (build error, missing 'unit' target, sanitizer exit or timeout)"
  elif ((p + f == 0)); then
    f=1
    why="no unit test ran"
  fi
  show_sanitizer_reports "$log" 3>/dev/null
  record unit "$p" "$f" "$why"
}

# suite_fuzz: each libFuzzer target (tests/fuzz/) runs a bounded number of inputs; a crash fails it.
suite_fuzz() {
  local log=$TTS_LOG_DIR/fuzz.log rc=0 p f why=""
  note "suite fuzz: make -C backend FUZZ=1 fuzz"
  run_capped "$UNIT_TIMEOUT" "$log" make -C "$TTS_ROOT/backend" FUZZ=1 -j"$(nproc)" fuzz || rc=$?
  p=$(grep -c '^FUZZ PASSED ' "$log") || p=0
  f=$(grep -c '^FUZZ FAILED ' "$log") || f=0
  if ((rc != 0 && f == 0)); then
    f=1
    why="make exited with status $rc (build error or timeout)"
  elif ((p + f == 0)); then
    f=1
    why="no fuzz target ran"
  fi
  record fuzz "$p" "$f" "$why"
}

# suite_node NAME DIR SECONDS: node's test runner over DIR with the TAP reporter.
suite_node() {
  local name=$1 dir=$2 secs=$3 log=$TTS_LOG_DIR/$1.log rc=0 p f c why=""
  if [[ ! -d $dir ]]; then
    record "$name" 0 1 "not run: $dir/ does not exist"
    return
  fi
  if ((!stack_ok)); then
    record "$name" 0 1 "not run: the stack did not come up"
    return
  fi
  # One file at a time: files share the sandbox's global state (faults, clock, webhook URL).
  note "suite $name: node --test --test-concurrency=1 --test-reporter=tap $dir/"
  run_capped "$secs" "$log" node --test --test-concurrency=1 --test-reporter=tap "$dir/" || rc=$?
  p=$(grep -E '^# pass [0-9]+$' "$log" | tail -n 1 | awk '{ print $3 }')
  f=$(grep -E '^# fail [0-9]+$' "$log" | tail -n 1 | awk '{ print $3 }')
  c=$(grep -E '^# cancelled [0-9]+$' "$log" | tail -n 1 | awk '{ print $3 }')
  if [[ -z $p || -z $f ]]; then
    record "$name" "${p:-0}" $((${f:-0} + 1)) "the runner printed no summary (exit status $rc)"
    return
  fi
  f=$((f + ${c:-0}))
  ((${c:-0})) && why="$c cancelled"
  if ((rc != 0 && f == 0)); then
    f=1
    why="node exited with status $rc"
  elif ((p + f == 0)); then
    f=1
    why="no test ran"
  fi
  record "$name" "$p" "$f" "$why"
}

# suite_lint: `npm run lint` in frontend/ (ESLint, then the message-file tests of frontend/tests/); needs no stack.
# One pass when it exits 0, else one failure naming what failed first.
suite_lint() {
  local log=$TTS_LOG_DIR/lint.log rc=0 why=""
  note "suite lint: npm run lint (in frontend/)"
  run_capped "${TTS_LINT_TIMEOUT:-300}" "$log" npm --prefix "$TTS_ROOT/frontend" run lint || rc=$?
  if ((rc == 0)); then
    record lint 1 0
    return
  fi
  why=$(grep -m 1 -oE '✖ [0-9]+ problems? \([^)]*\)' "$log") || true
  if [[ -n $why ]]; then
    why="eslint: $why"
  else
    why=$(grep -m 1 -oE '[a-z-]+\.js (lacks|redefines) .*|placeholders differ .*' "$log" | cut -c1-240) || true
  fi
  record lint 0 1 "${why:-npm run lint exited with status $rc} (log: ${log#"$TTS_ROOT"/})"
}

# teardown: checks our processes survived, stops the stack, counts sanitizer reports.
teardown() {
  local s n
  for s in "${STARTED[@]}"; do
    running "$s" "$s" || record "$s" 0 1 "exited during the tests (log: ${TTS_LOG_DIR#"$TTS_ROOT"/}/$s.log)"
  done
  note "stopping the test stack"
  stack_down || record stop 0 1 "a process did not stop on SIGTERM"
  for s in "${SERVICES[@]}"; do
    [[ -f $TTS_LOG_DIR/$s.log ]] || continue
    n=$(show_sanitizer_reports "$TTS_LOG_DIR/$s.log" 3>&1 >&2)
    ((n > 0)) && record sanitizer 0 "$n" "$s.log"
  done
  return 0
}

finish() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [[ -n $suite_pid ]]; then
    kill -TERM "$suite_pid" 2>/dev/null || true   # timeout passes it on to the suite's whole group
    wait "$suite_pid" 2>/dev/null || true
  fi
  ((finished)) || record test.sh 0 1 "stopped early (exit status $rc)"
  teardown 2>&1
  echo
  echo "Results (logs in ${TTS_LOG_DIR#"$TTS_ROOT"/}/):"
  printf '%s\n' "${RESULTS[@]}"
  echo "$PASSED passed, $FAILED failed"
  ((FAILED == 0)) && exit 0
  exit 1
}

# A fresh state: stop what an interrupted earlier run may have left, then wipe it.
stack_down >/dev/null 2>&1 || true
rm -rf "$TTS_VAR"
mkdir -p "$TTS_LOG_DIR" "$TTS_RUN_DIR"
trap finish EXIT
trap 'exit 130' INT TERM HUP

bash "$here/deps.sh"
bash "$here/build.sh" test backend || record build 0 1 "backend build failed (make -C backend SAN=1)"
bash "$here/build.sh" test frontend || record build 0 1 "frontend build failed (npm run build)"

note "starting the test stack"
tts_secrets   # fresh ones (var/test was wiped), exported to the suites too
if stack_up; then
  stack_ok=1
else
  record stack 0 1 "did not come up (logs: ${TTS_LOG_DIR#"$TTS_ROOT"/}/)"
fi
for s in "${SERVICES[@]}"; do
  if running "$s" "$s"; then STARTED+=("$s"); fi
done

suite_lint   # frontend/'s lint and message-key check, before the suites that need the stack
# TTS_TEST_SUITES picks some suites while working (e.g. "unit api"); make test and CI run all five.
# reliability kills and restarts the stack's own processes (each test leaves the stack whole again).
for suite in ${TTS_TEST_SUITES:-unit fuzz api reliability browser}; do
  case $suite in
    unit) suite_unit ;;
    fuzz) suite_fuzz ;;
    api) suite_node api tests/api "$API_TIMEOUT" ;;
    reliability) suite_node reliability tests/reliability "$RELIABILITY_TIMEOUT" ;;
    browser) suite_node browser tests/browser "$BROWSER_TIMEOUT" ;;
    lint) ;;   # always run, above
    *) record "$suite" 0 1 "unknown suite (TTS_TEST_SUITES: unit fuzz api reliability browser)" ;;
  esac
done
finished=1
