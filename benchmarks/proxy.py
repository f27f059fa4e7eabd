"""Debian's nginx in front of one or more `streamlit run` servers on loopback, with a throwaway config.

The reverse proxy of tests/e2e/test_proxy_browser.py (one server under a path prefix) and of
benchmarks/load.py's replicas (several servers, as a host runs them when one process is not
enough: Streamlit runs every session's script in one Python process, so its sessions queue on
one interpreter). Several servers are balanced by the browser's ``_streamlit_xsrf`` cookie, so
each browser stays on one server: its session, and the files it downloads, live there.
"""

from __future__ import annotations

import getpass
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NGINX = "/usr/sbin/nginx"
CONFIG = """
user {user};
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream lens {{
        {balance}
        {servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location /{prefix} {{
            proxy_pass http://lens;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1h;
            client_max_body_size 50m;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def nginx(tmp: Path, app_ports: list[int], prefix: str = "") -> Iterator[tuple[str, Path]]:
    """Run nginx in front of the servers on ``app_ports`` (each started with ``--server.baseUrlPath
    prefix`` when there is one); yields the app's URL through it and nginx's access log."""
    if not Path(NGINX).exists():
        raise FileNotFoundError(f"nginx not found at {NGINX} (apt-get install nginx; scripts/test.sh does)")
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(CONFIG.format(
        user=getpass.getuser(), tmp=tmp, port=port, prefix=f"{prefix}/" if prefix else "",
        balance="hash $cookie__streamlit_xsrf consistent;" if len(app_ports) > 1 else "",
        servers="\n        ".join(f"server 127.0.0.1:{p};" for p in app_ports)))
    proc = subprocess.Popen([NGINX, "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(conf)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}" + (f"/{prefix}" if prefix else "")
    try:
        deadline = time.time() + 30
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    log = tmp / "error.log"
                    raise RuntimeError(f"nginx did not come up: {proc.stderr.read() if proc.poll() is not None else ''}"
                                       f"{log.read_text() if log.exists() else ''}") from None
                time.sleep(0.2)
        yield url, tmp / "access.log"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
