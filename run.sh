#!/usr/bin/env bash
# The project's two entry points on a fresh Debian / Raspberry Pi OS machine. Each does all set-up first:
#
#   ./run.sh [chat [ARGS...]]        set up, then start the text chat: `assistant chat ARGS` (the default)
#   ./run.sh test [PYTEST-ARGS...]   set up, then the whole test suite: ruff, mypy, pytest PYTEST-ARGS, then the
#                                    shipped intent scripts with the embedded and the Rasa NLU (reports/). The
#                                    arguments go to pytest, not to `assistant test`: ./run.sh test -x tests/cli
#   ./run.sh assistant COMMAND ...   set up, then any `assistant` command as it is, `assistant test` included:
#                                    ./run.sh assistant test suites/timers.intents.yml -v
#   ./run.sh COMMAND [ARGS...]       set up, then `assistant COMMAND ARGS` for any other name: ./run.sh listen --help
#   ./run.sh setup                   set up only (Debian packages named or installed, the virtualenv)
#   ./run.sh --help                  this text
#
# Set-up: Debian packages (installed when root, otherwise named with the command to install them), a virtualenv in
# .venv with the project and its pins (re-installed only when pyproject.toml changes). PYTHON=python3.11 picks the
# interpreter (3.10 or newer). The Rasa environment and models are made on first use, not here.
set -euo pipefail
cd "$(dirname "$0")"

DEBIAN_PACKAGES=(espeak-ng libespeak-ng1 libportaudio2 python3-venv)
VENV=.venv
PY=${PYTHON:-python3}

say() { printf '\033[1m[run.sh]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[run.sh] error:\033[0m %s\n' "$*" >&2; exit 1; }

debian_packages() {
    command -v dpkg-query >/dev/null || { say "not a Debian system: make sure espeak-ng and PortAudio are installed"; return; }
    local missing=()
    for p in "${DEBIAN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return
    if [ "$(id -u)" -eq 0 ]; then
        say "installing Debian packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
            || die "apt-get could not install ${missing[*]}; run: sudo apt-get install ${missing[*]}"
    else
        say "missing Debian packages: ${missing[*]}"
        say "install them with: sudo apt-get install ${missing[*]}   (speech output and the microphone need them)"
        [ "${1:-}" = strict ] && die "the test suite needs ${missing[*]}"
    fi
}

python_env() {
    command -v "$PY" >/dev/null || die "$PY not found: install Python 3.10 or newer (sudo apt-get install python3 python3-venv)"
    "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' || die "$PY is older than 3.10; set PYTHON=python3.11"
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating the virtualenv in $VENV"
        "$PY" -m venv "$VENV" || die "could not create $VENV (sudo apt-get install python3-venv)"
    fi
    local stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
    if [ ! -f "$stamp" ]; then
        say "installing the project and its dependencies into $VENV (first time: a few minutes)"
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
        "$VENV/bin/python" -m pip install --disable-pip-version-check --progress-bar on -q -e ".[dev]" \
            || die "pip could not install the project; see the messages above"
        rm -f "$VENV"/.installed-* && touch "$stamp"
    fi
}

run_tests() {
    local bin="$VENV/bin"
    say "ruff";  "$bin/ruff" check . && "$bin/ruff" format --check --quiet . || die "ruff found problems (run: $bin/ruff check --fix . && $bin/ruff format .)"
    say "mypy";  "$bin/mypy" || die "mypy found problems"
    say "pytest"; "$bin/python" -m pytest "$@"
    mkdir -p reports
    for nlu in embedded rasa; do
        say "intent scripts, $nlu NLU (report and JUnit in reports/)"
        "$bin/assistant" test suites --nlu "$nlu" --junit "reports/intents-$nlu.xml" --json "reports/intents-$nlu.json" \
            | tee "reports/intents-$nlu.txt" || die "intent scripts failed with the $nlu NLU: see reports/intents-$nlu.txt"
    done
}

command=${1:-chat}
[ $# -gt 0 ] && shift
case "$command" in
    -h|--help|help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    test) debian_packages strict; python_env; run_tests "$@" ;;
    setup) debian_packages; python_env; say "ready: $VENV/bin/assistant --help" ;;
    assistant) debian_packages; python_env; exec "$VENV/bin/assistant" "$@" ;;
    *) debian_packages; python_env; exec "$VENV/bin/assistant" "$command" "$@" ;;
esac
