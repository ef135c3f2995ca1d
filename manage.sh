#!/usr/bin/env bash
# Set-up and run in one step:  ./manage.sh run   (dashboard)   ./manage.sh test   (tests)
set -euo pipefail
cd "$(dirname "$0")"

pick_python() {
  for candidate in "${PYTHON:-}" python3.11 python3; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1; then
      echo "$candidate"; return
    fi
  done
  echo "Python 3.11 tidak ditemukan (setel PYTHON=/jalur/ke/python3.11)" >&2; exit 1
}

# Create .venv once and (re)install whenever the requirement files change.
ensure_venv() {
  local reqs="$1"
  if [ ! -x .venv/bin/python ]; then
    "$(pick_python)" -m venv .venv || {
      echo "Gagal membuat virtualenv. Di Debian/Ubuntu: apt-get install python3-venv" >&2; exit 1; }
  fi
  local stamp=".venv/.installed-$(basename "$reqs" .txt)"
  local want
  want="$(cat requirements*.txt | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    # a fresh machine spends minutes here: say so, and let pip show each package as it comes
    echo "Memasang paket Python dari $reqs (sekali saja; pada mesin baru beberapa menit)..." >&2
    .venv/bin/python -m pip install --quiet --upgrade pip
    set +e
    .venv/bin/python -m pip install -r "$reqs" \
      | grep --line-buffered -E '^(Collecting|Successfully installed)' | sed -u 's/^Collecting /  paket: /' >&2
    local status=${PIPESTATUS[0]}
    set -e
    if [ "$status" -ne 0 ]; then
      echo "Pemasangan paket gagal (lihat pesan pip di atas)." >&2; exit 1
    fi
    echo "Paket terpasang." >&2
    echo "$want" > "$stamp"
  fi
}

cmd="${1:-run}"
shift || true
case "$cmd" in
  run)
    ensure_venv requirements.txt
    db="${SMARTASN_DB:-data/smartasn.duckdb}"
    if [ ! -f "$db" ]; then
      echo "Membangun basis data demo di $db (sekali saja, kurang dari satu menit)..." >&2
      .venv/bin/python -m analytics demo --db "$db"
    fi
    echo "Dasbor berjalan di http://localhost:8501 (hentikan dengan Ctrl+C)." >&2
    exec .venv/bin/python -m streamlit run app.py --server.port 8501 "$@"
    ;;
  test)
    ensure_venv requirements-dev.txt
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "pemakaian: ./manage.sh run|test [argumen tambahan]" >&2; exit 2 ;;
esac
