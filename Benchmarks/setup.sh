# Sourced by the benchmark scripts (not run): what they share.
# bench_python MODULE...: makes .build/bench-venv if missing (benchmark tools never go into the system's Python),
# installs the packages of the modules it cannot import, and sets BENCH_PYTHON to its python and PATH to find
# its commands (thumbor).
bench_python() {
    if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
        local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
    fi
    local venv=.build/bench-venv module packages=()
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    BENCH_PYTHON="$PWD/$venv/bin/python"
    PATH="$PWD/$venv/bin:$PATH"
    for module in "$@"; do
        "$BENCH_PYTHON" -c "import $module" 2>/dev/null && continue
        case "$module" in PIL) packages+=(pillow) ;; *) packages+=("$module") ;; esac
    done
    [ ${#packages[@]} -eq 0 ] || "$BENCH_PYTHON" -m pip install --quiet "${packages[@]}"
}
