"""A real JupyterLab for tests: started headless on a free port with throwaway settings.

Used by ``tests/test_lab.py``. The server runs from the repository with the project's virtual
environment; its workspaces, user settings and runtime files live in a temporary folder, so
nothing a developer has configured or saved is read or changed.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: JupyterLab settings for the test: every cell stays in the page (no virtual scrolling), so what
#: the page shows can be read in full.
#: Autosave is off, so running the chapters never writes outputs into the committed notebooks.
SETTINGS = {"@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
            "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
            "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
                "fetchNews": "false", "checkForUpdates": False}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """``with Lab(tmp) as lab: lab.url("chapters/x.ipynb")``: a running JupyterLab server."""

    def __init__(self, scratch: Path):
        self.scratch = Path(scratch)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.proc = None

    def url(self, path: str = "", workspace: str = "") -> str:
        """The page opening ``path``; a named ``workspace`` starts empty (``reset``), so no tab of
        an earlier page is restored beside it."""
        where = f"lab/workspaces/{workspace}/tree/{path}" if workspace else f"lab/tree/{path}"
        return f"http://127.0.0.1:{self.port}/{where}?token={self.token}" + ("&reset" if workspace else "")

    def __enter__(self) -> Lab:
        settings = self.scratch / "settings"
        for name, values in SETTINGS.items():
            target = settings / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values), encoding="utf-8")
        (self.scratch / "workspaces").mkdir(exist_ok=True)
        cmd = [str(Path(sys.executable).with_name("jupyter")), "lab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
               f"--ServerApp.root_dir={ROOT}", f"--LabApp.user_settings_dir={settings}",
               f"--LabApp.workspaces_dir={self.scratch / 'workspaces'}",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")  # JupyterLab refuses root otherwise (CI runs as root)
        env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(self.scratch / "runtime"),
               "JUPYTER_DATA_DIR": str(self.scratch / "data"),
               "JUPYTER_CONFIG_DIR": str(self.scratch / "config"),
               "JUPYTERLAB_WORKSPACES_DIR": str(self.scratch / "workspaces")}
        self.log = open(self.scratch / "lab.log", "w", encoding="utf-8")  # noqa: SIM115
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        status = f"http://127.0.0.1:{self.port}/api/status?token={self.token}"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early:\n{self.read_log()}")
            try:
                with urllib.request.urlopen(status, timeout=2) as reply:
                    if reply.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        self.__exit__(None, None, None)
        raise RuntimeError(f"JupyterLab did not answer within 120 s:\n{self.read_log()}")

    def api(self, method: str, path: str):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/{path}?token={self.token}",
                                         method=method)
        with urllib.request.urlopen(request, timeout=30) as reply:
            body = reply.read()
        return json.loads(body) if body else None

    def shut_down_sessions(self):
        """End every notebook session (and its kernel) the browser opened."""
        for session in self.api("GET", "sessions"):
            self.api("DELETE", f"sessions/{session['id']}")

    def read_log(self) -> str:
        self.log.flush()
        return (self.scratch / "lab.log").read_text(encoding="utf-8", errors="replace")[-4000:]

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            # The server's own shutdown ends its kernels, then itself; the tests have already
            # ended every session, and a server extension that does not stop within seconds
            # (seen under load) is not waited for.
            with contextlib.suppress(OSError):
                self.api("POST", "shutdown")
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout=10)
        self.log.close()
