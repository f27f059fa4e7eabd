"""Warm a freshly started server before its first visitor: ``python -m dashboard.ui.warm_up [streamlit options]``.

A restarted server has imported nothing and read no stored result, so its first visitor would wait
for both (about 2.5 s at 10,000 articles). Streamlit's script health check
(``/_stcore/script-health-check``, on in ``.streamlit/config.toml``) runs the app once in the
server with the default corpus and page, which imports the modules, reads the stored results into
the process-wide caches and starts the background preparation of story cuts. ``scripts/run.sh``
calls it as the server comes up; a host points its readiness probe at the same address.
"""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.request

HEALTH = "/_stcore/health"
SCRIPT_CHECK = "/_stcore/script-health-check"


def base_url(args: list[str]) -> str:
    """The server's address from the options ``streamlit run`` was given (``--server.port 8502`` or ``=8502``)."""
    options = {"server.port": "8501", "server.address": "127.0.0.1", "server.baseUrlPath": ""}
    for i, arg in enumerate(args):
        name, _, value = arg.removeprefix("--").partition("=")
        if name in options:
            options[name] = value if value else (args[i + 1] if i + 1 < len(args) else "")
    address = "127.0.0.1" if options["server.address"] in ("", "0.0.0.0") else options["server.address"]
    prefix = options["server.baseUrlPath"].strip("/")
    return f"http://{address}:{options['server.port']}" + (f"/{prefix}" if prefix else "")


def wait_until_up(url: str, timeout: float = 120.0, alive=lambda: True) -> bool:
    """Whether the server at ``url`` answered its health check within ``timeout`` seconds (while ``alive()``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        try:
            if urllib.request.urlopen(url + HEALTH, timeout=2).read() == b"ok":
                return True
        except OSError:
            time.sleep(0.3)
    return False


def warm(url: str, timeout: float = 300.0) -> str:
    """Run the app once in the server; Streamlit's answer ("ok", or why not)."""
    try:
        return urllib.request.urlopen(url + SCRIPT_CHECK, timeout=timeout).read().decode(errors="replace")
    except urllib.error.HTTPError as exc:  # 503: the script raised or timed out; 404: the check is off
        return f"HTTP {exc.code}: {exc.read().decode(errors='replace')[:200]}"
    except OSError as exc:
        return str(exc)


def main(args: list[str]) -> int:
    url = base_url(args)
    if not wait_until_up(url):
        print(f"warm-up: no server answered at {url}", file=sys.stderr)
        return 1
    start = time.perf_counter()
    answer = warm(url)
    print(f"warm-up: the app ran once in the server in {time.perf_counter() - start:.1f} s ({answer})", file=sys.stderr)
    return 0 if answer == "ok" else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
