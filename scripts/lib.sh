# Shared helpers (sourced, never run): messages, bounded waits, background processes and their pid files.

TTS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export TTS_ROOT

note() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
err()  { printf 'error: %s\n' "$*" >&2; }
die()  { err "$@"; exit 1; }

# tail_log FILE [LINES]: shows the end of a log file, for error messages.
tail_log() {
  local f=$1 n=${2:-30}
  [[ -s $f ]] || return 0
  printf -- '--- last %s lines of %s ---\n' "$n" "$f" >&2
  tail -n "$n" "$f" >&2
  printf -- '---\n' >&2
}

# pid_of PIDFILE: prints the pid recorded in PIDFILE (fails when there is none).
pid_of() {
  local pid
  [[ -r $1 ]] || return 1
  read -r pid <"$1" || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  printf '%s\n' "$pid"
}

# proc_alive PID PATTERN: the process exists, is not a zombie, and its command line contains PATTERN
# (so a recycled pid is never mistaken for ours).
proc_alive() {
  local cmdline
  [[ -r /proc/$1/cmdline ]] || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
  [[ -n $cmdline && $cmdline == *"$2"* ]]
}

# group_pids PGID: live members of a process group (workers a master left behind).
group_pids() {
  local st line rest
  local -a fields
  for st in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$st" || continue
    rest=${line##*) }
    read -r -a fields <<<"$rest"
    [[ ${fields[0]} != Z && ${fields[2]} == "$1" ]] && printf '%s\n' "${st//[^0-9]/}"
  done
  return 0
}

# running NAME PATTERN: the process recorded in $TTS_RUN_DIR/NAME.pid is alive.
running() {
  local pid
  pid=$(pid_of "$TTS_RUN_DIR/$1.pid") && proc_alive "$pid" "$2"
}

# start_bg NAME LOG COMMAND...: starts COMMAND in the background in a session of its own (so a
# terminal's Ctrl-C reaches only the script, which then stops it in order), records its pid.
start_bg() {
  local name=$1 log=$2
  shift 2
  mkdir -p "$TTS_RUN_DIR" "$(dirname "$log")"
  setsid "$@" >>"$log" 2>&1 </dev/null &
  local pid=$! self relay exe tries=0
  printf '%s\n' "$pid" >"$TTS_RUN_DIR/$name.pid"
  # The child is this shell, then setsid, then the command; while an exec loads the next program its
  # command line reads empty. Wait (bounded) until it is the command with its command line, so that callers
  # checking that right away do not take it for dead; a child that died is left to their check.
  self=$(readlink "/proc/$$/exe")
  relay=$(readlink -f "$(command -v setsid)")
  while ((tries++ < 500)) && exe=$(readlink "/proc/$pid/exe" 2>/dev/null); do
    [[ $exe != "$self" && $exe != "$relay" && -n $(tr -d '\0' 2>/dev/null <"/proc/$pid/cmdline") ]] && break
    sleep 0.01
  done
}

# wait_gone PID PATTERN SECONDS: waits until the process and its process group have exited.
wait_gone() {
  local deadline=$((SECONDS + $3))
  while proc_alive "$1" "$2" || [[ -n $(group_pids "$1") ]]; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# stop_proc NAME PATTERN SECONDS [SIGNAL]: asks the recorded process to stop (SIGTERM by default),
# waits up to SECONDS, then kills its whole process group. Returns 1 when it had to kill.
stop_proc() {
  local name=$1 pattern=$2 secs=$3 sig=${4:-TERM} f="$TTS_RUN_DIR/$1.pid" pid
  pid=$(pid_of "$f") || { rm -f "$f"; return 0; }
  if ! proc_alive "$pid" "$pattern" && [[ -z $(group_pids "$pid") ]]; then
    rm -f "$f"
    return 0
  fi
  kill -s "$sig" "$pid" 2>/dev/null || true
  if wait_gone "$pid" "$pattern" "$secs"; then
    rm -f "$f"
    return 0
  fi
  warn "$name (pid $pid) did not stop within ${secs}s after SIG$sig: killing it"
  kill -s KILL -- "-$pid" 2>/dev/null || kill -s KILL "$pid" 2>/dev/null || true
  wait_gone "$pid" "$pattern" 5 || warn "$name (pid $pid) is still there"
  rm -f "$f"
  return 1
}

# port_in_use PORT: something accepts connections on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# wait_http URL SECONDS NAME PATTERN: polls URL until it answers 200; fails early when the
# recorded process NAME dies. Bounded.
wait_http() {
  local url=$1 deadline=$((SECONDS + $2)) name=$3 pattern=$4 code
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null) || true
    [[ $code == 200 ]] && return 0
    if ! running "$name" "$pattern"; then
      warn "$name exited while waiting for $url"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      warn "$url did not answer 200 within $2 s (last status: ${code:-none})"
      return 1
    fi
    sleep 0.2
  done
}
