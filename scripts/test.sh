#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this script):
#   1. installs the distribution packages the tests use when they are missing (as root; otherwise it says what to install),
#      and the npm tools under tools/ (Spectral, an EventSource client),
#   2. starts a throw-away PostgreSQL on a loopback port (scripts/postgres-dev.sh),
#   3. builds the solution in Release (Directory.Build.props makes every warning an error),
#   4. runs every test project one after another and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
have_lib() { ldconfig -p | grep -q "$1"; }
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v flac >/dev/null 2>&1 || missing+=(flac)
have_lib 'libmp3lame.so.0 ' || missing+=(libmp3lame0)
have_lib 'libvorbisenc.so.2 ' || missing+=(libvorbisenc2)
have_lib 'libespeak-ng.so.1 ' || missing+=(libespeak-ng1)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The client examples run in the suite (tests/Examples.Tests): examples/python on python3, examples/node on node (npm's).
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# The studio's browser tests (tests/Studio.Tests) drive the distribution's chromium; Playwright never downloads one.
command -v chromium >/dev/null 2>&1 || [[ -n "${AUDIOMUSIC_CHROMIUM:-}" ]] || missing+=(chromium)
# A font for it to lay text out with (chromium only recommends one, and packages are installed without recommends).
ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
if ((${#missing[@]} > 0)); then
  if [[ "$(id -u)" -eq 0 ]]; then
    echo "test.sh: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test.sh: missing packages: ${missing[*]} (install them, e.g. with sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

# npm tools the suite runs, each pinned by its lockfile: Spectral lints the served OpenAPI document
# (tests/Api.Tests/OpenApiLintTests), eventsource is a standard EventSource client (EventSourceClientTests).
for tool in spectral eventsource; do
  if [[ ! -d "tools/$tool/node_modules" ]]; then
    (cd "tools/$tool" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

eval "$(scripts/postgres-dev.sh)"
export AUDIOMUSIC_TEST_POSTGRES

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The one-box default keeps its library in the per-user data folder; tests give every host a folder of their own, and
# this keeps any that did not out of the user's real library.
XDG_DATA_HOME="$(mktemp -d)"
export XDG_DATA_HOME
dotnet build AudioMusic.sln -c Release

log="$(mktemp)"
trap 'rm -rf "$log" "$XDG_DATA_HOME"' EXIT
# One test project at a time: several suites start servers and measure timing, which a 2-core machine cannot run at once.
status=0
dotnet test AudioMusic.sln -c Release --no-build -m:1 2>&1 | tee "$log" || status=$?

# dotnet prints one "Passed!/Failed! - Failed: F, Passed: P, Skipped: S" line per test assembly; add them up.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
# Each failed test and the first line of its message, last, where a log cut to its tail still shows them.
awk '/^  Failed [A-Za-z]/ { name = $2 } /^  Error Message:/ { getline; if (name != "") print "FAILED " name ":" $0; name = "" }' "$log"
exit "$status"
