#!/usr/bin/env bash
# Run the whole test suite (unit, AppTest, browser) on a fresh Debian machine with Python 3.11.
# Installs what it needs: Debian's chromium for the browser tests, Debian's nginx for the
# behind-a-proxy test, and the pinned Python packages into .venv. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium for the browser tests"
  apt_install chromium
fi
if [ ! -x /usr/sbin/nginx ]; then
  echo "installing Debian's nginx for the reverse-proxy browser test"
  apt_install nginx
fi
ensure_venv requirements-dev.txt
if ! command -v java >/dev/null; then
  echo "installing Debian's Java for the Spark engine tests"
  apt_install openjdk-17-jre-headless
fi
ensure_venv requirements-spark.txt

exec .venv/bin/python -m pytest "$@"
