#!/usr/bin/env bash
# Run the app on the seed corpus (http://localhost:8501), installing the pinned packages into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh
ensure_venv requirements.txt
exec .venv/bin/streamlit run app.py "$@"
