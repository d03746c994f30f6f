"""Browser tests for the web workspace: a real `resume-agent serve`, headless Chromium via Selenium.

Paths are explicit so nothing reaches the internet: Chromium at /usr/bin/chromium, the driver at
/usr/bin/chromedriver (Debian's `chromium` and `chromium-driver`). Environment:

  RESUME_AGENT_BIN_DIR   where `resume-agent` lives (default <repo>/.build/debug)
  RESUME_AGENT_TEST_URL  use an already running server instead (its `http://…/#token=…` URL)
  RESUME_AGENT_FIXTURES  fixture folder (default <repo>/../shared/fixtures)
  RESUME_AGENT_SCREENSHOTS  where screenshots go (default <repo>/.build/screenshots)
  CHROMIUM_BIN / CHROMEDRIVER_BIN  override the browser and driver paths
"""
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(os.environ.get("RESUME_AGENT_FIXTURES", REPO.parent / "shared" / "fixtures")).resolve()
SCREENSHOTS = Path(os.environ.get("RESUME_AGENT_SCREENSHOTS", REPO / ".build" / "screenshots"))
DESKTOP = (1366, 900)
PHONE = (390, 844)
TERMINAL = {"run_completed", "run_failed", "run_interrupted"}
URL_RE = re.compile(r"(https?://[^\s/]+)/#token=([A-Za-z0-9._~%+\-]+)")
READY_RE = re.compile(r"ready at (https?://[^\s/]+)/")


class Server:
    """A running server: its base URL, token, and a tiny client for the public API."""

    def __init__(self, base_url, token, proc=None, log_path=None):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.proc = proc
        self.log_path = log_path

    @property
    def start_url(self):
        return f"{self.base_url}/#token={self.token}"

    def session_url(self, sid):
        """Opens a session in a fresh browser: the page keeps the token and drops it from the address bar."""
        return f"{self.base_url}/#token={self.token}&session={sid}"

    def request(self, method, path, body=None, headers=None, raw=False, timeout=60):
        data = None
        hdrs = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        elif isinstance(body, bytes):
            data = body
        hdrs.update(headers or {})
        req = urllib.request.Request(self.base_url + "/api/v1" + path, data=data, method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as res:
                payload = res.read()
                return res.status, (payload if raw else (json.loads(payload) if payload else None))
        except urllib.error.HTTPError as e:
            payload = e.read()
            try:
                return e.code, json.loads(payload)
            except ValueError:
                return e.code, payload

    def ok(self, method, path, body=None, **kw):
        status, payload = self.request(method, path, body, **kw)
        assert 200 <= status < 300, f"{method} {path} → {status}: {payload!r}"
        return payload

    def create_session(self, **body):
        return self.ok("POST", "/sessions", body)["session_id"]

    def multipart(self, path, file_path, field="file"):
        boundary = uuid.uuid4().hex
        name = Path(file_path).name
        ctype = {".pdf": "application/pdf", ".md": "text/markdown", ".txt": "text/plain",
                 ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}.get(Path(name).suffix, "application/octet-stream")
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n"
                f"Content-Type: {ctype}\r\n\r\n").encode() + Path(file_path).read_bytes() + f"\r\n--{boundary}--\r\n".encode()
        return self.request("POST", path, body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def upload_resume(self, sid, file_path):
        status, payload = self.multipart(f"/sessions/{sid}/resume", file_path)
        assert status == 201, payload
        return payload

    def post_jd(self, sid, text):
        return self.ok("POST", f"/sessions/{sid}/jd", {"text": text})

    def stream(self, sid, run_id, timeout=120):
        """Reads a run's whole stream (replay + live) until the terminal event; returns the envelopes."""
        req = urllib.request.Request(f"{self.base_url}/api/v1/sessions/{sid}/runs/{run_id}/stream",
                                     headers={"Authorization": f"Bearer {self.token}", "Accept": "text/event-stream"})
        events, data = [], []
        with urllib.request.urlopen(req, timeout=timeout) as res:
            for raw in res:
                line = raw.decode("utf-8").rstrip("\r\n")
                if line == "":
                    if data:
                        env = json.loads("\n".join(data))
                        events.append(env)
                        data = []
                        if env["type"] in TERMINAL:
                            break
                    continue
                if line.startswith("data:"):
                    data.append(line[5:].lstrip(" ") if line[5:6] == " " else line[5:])
        return events

    def run(self, sid, content):
        run_id = self.ok("POST", f"/sessions/{sid}/messages", {"content": content})["run_id"]
        return run_id, self.stream(sid, run_id)


def _start_server(tmp, extra_env=None, log_name="server.log"):
    bin_dir = Path(os.environ.get("RESUME_AGENT_BIN_DIR", REPO / ".build" / "debug"))
    exe = bin_dir / "resume-agent"
    if not exe.exists():
        pytest.skip(f"{exe} not built (set RESUME_AGENT_BIN_DIR)")
    data_dir = Path(tmp) / "data"
    data_dir.mkdir()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log_path = SCREENSHOTS / log_name
    log = open(log_path, "w")
    proc = subprocess.Popen([str(exe), "serve", "--port", "0", "--data-dir", str(data_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
                            env={**os.environ, "PATH": f"{bin_dir}:{os.environ.get('PATH', '')}", **(extra_env or {})})
    found = {}
    ready = threading.Event()

    def pump():
        for line in proc.stdout:
            log.write(line)
            log.flush()
            # Not a terminal: the server says where it is and leaves the token in a 0600 file.
            m = READY_RE.search(line)
            if m and not found:
                token_file = data_dir / "initial-token"
                found["base"], found["token"] = m.group(1), token_file.read_text().strip()
                ready.set()
        ready.set()

    threading.Thread(target=pump, daemon=True).start()
    if not ready.wait(90) or not found:
        proc.kill()
        raise RuntimeError(f"server printed no token URL; see {log_path}")
    server = Server(found["base"], found["token"], proc, log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(server.base_url + "/healthz", timeout=2) as res:
                if res.status == 200:
                    break
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)  # polling a starting process with a deadline, not a fixed wait
    else:
        proc.kill()
        raise RuntimeError("server never became healthy")
    return server


@pytest.fixture(scope="session")
def server():
    url = os.environ.get("RESUME_AGENT_TEST_URL")
    if url:
        m = URL_RE.search(url)
        assert m, "RESUME_AGENT_TEST_URL must look like http://host:port/#token=…"
        yield Server(m.group(1), m.group(2))
        return
    tmp = tempfile.mkdtemp(prefix="ra-browser-")
    srv = _start_server(tmp)
    print(f"\nserver: {srv.base_url} (log {srv.log_path})")
    try:
        yield srv
    finally:
        srv.proc.send_signal(signal.SIGTERM)
        try:
            srv.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            srv.proc.kill()
            srv.proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def shots_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for stale in SCREENSHOTS.glob("FAILED-*.png"):
        stale.unlink()
    print(f"\nscreenshots: {SCREENSHOTS}")
    return SCREENSHOTS


@pytest.fixture
def downloads(tmp_path):
    d = tmp_path / "downloads"
    d.mkdir()
    return d


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.when == "call" and rep.failed:
        drv = item.funcargs.get("driver")
        if drv is not None:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            try:
                drv.save_screenshot(str(SCREENSHOTS / f"FAILED-{item.name}.png"))
            except Exception:
                pass


@pytest.fixture
def driver(downloads):
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={DESKTOP[0]},{DESKTOP[1]}", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
                "--force-color-profile=srgb", "--hide-scrollbars", "--lang=en-US"):
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
        "safebrowsing.enabled": False,
    })
    service = Service(executable_path=os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
    drv = webdriver.Chrome(service=service, options=opts)
    drv.set_window_size(*DESKTOP)
    try:
        drv.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    except Exception:  # older drivers: the prefs above already apply
        pass
    yield drv
    drv.quit()
