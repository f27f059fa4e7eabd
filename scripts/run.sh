#!/usr/bin/env bash
# Run the app on the seed corpus (http://localhost:8501), installing the pinned packages into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh
ensure_venv requirements.txt
.venv/bin/python -m dashboard.ui.warm_up "$@" &  # runs the app once as the server comes up
exec .venv/bin/streamlit run app.py "$@"
