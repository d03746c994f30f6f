"""Page helpers for the browser tests: waits on explicit conditions, screenshots at two sizes,
each with an axe-core audit that fails the test on any accessibility violation."""
import base64
import time
from pathlib import Path

from selenium.common.exceptions import JavascriptException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from a11y import audit
from conftest import DESKTOP, PHONE, SCREENSHOTS


class Page:
    def __init__(self, driver, server):
        self.d = driver
        self.server = server

    # -- waiting ---------------------------------------------------------------
    def wait(self, cond, timeout=60, message=""):
        return WebDriverWait(self.d, timeout, poll_frequency=0.1,
                             ignored_exceptions=(StaleElementReferenceException, JavascriptException)).until(cond, message)

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def wait_js(self, script, *args, timeout=60, message=""):
        return self.wait(lambda d: d.execute_script(script, *args), timeout, message or script)

    def q(self, css):
        return self.d.find_element(By.CSS_SELECTOR, css)

    def qs(self, css):
        return self.d.find_elements(By.CSS_SELECTOR, css)

    # -- app -----------------------------------------------------------------------
    def open(self, url=None):
        self.d.get(url or self.server.start_url)
        self.wait_ready()

    def wait_ready(self):
        self.wait_js("return window.resumeAgent && window.resumeAgent.sessionId && !document.getElementById('app').hidden",
                     message="workspace never became ready")
        return self.session_id

    @property
    def session_id(self):
        return self.js("return window.resumeAgent.sessionId")

    @property
    def state(self):
        return self.js("return document.getElementById('app').dataset.state")

    def wait_state(self, state, timeout=90):
        self.wait_js("return document.getElementById('app').dataset.state === arguments[0]", state,
                     timeout=timeout, message=f"state never became {state}")

    def wait_idle(self, timeout=120):
        self.wait_js("return document.getElementById('app').dataset.run === 'idle' && !window.resumeAgent.activeRunId",
                     timeout=timeout, message="run never finished")

    def wait_running(self, timeout=30):
        return self.wait_js("return window.resumeAgent.activeRunId", timeout=timeout, message="no run started")

    def modal_open(self):
        return self.js("return document.getElementById('approval').open")

    def wait_modal(self, timeout=90):
        self.wait_js("return document.getElementById('approval').open && !document.getElementById('approval-approve').disabled",
                     timeout=timeout, message="approval modal never opened")

    def preview_html(self):
        return self.js("return document.getElementById('preview').getAttribute('srcdoc') || ''")

    def no_horizontal_scroll(self):
        return self.js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    # -- screenshots -----------------------------------------------------------------
    def snap(self, name, phone=True):
        """Saves <name>-desktop.png (1366×900) and <name>-390.png (390×844, the whole page), and
        audits the page with axe-core at each size (any violation fails the test)."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.d.save_screenshot(str(SCREENSHOTS / f"{name}-desktop.png"))
        self.audit(f"{name} (desktop)")
        if not phone:
            return
        self.d.set_window_size(*PHONE)
        self.wait_js("return window.innerWidth === arguments[0]", PHONE[0], timeout=10)
        self._full_page(SCREENSHOTS / f"{name}-390.png")
        self.audit(f"{name} (390 px)")
        self.d.set_window_size(*DESKTOP)
        self.wait_js("return window.innerWidth === arguments[0]", DESKTOP[0], timeout=10)

    def audit(self, where):
        """axe-core on the page as it is now; fails on any violation."""
        return audit(self.d, where)

    def _full_page(self, path):
        try:
            if self.modal_open():
                self.d.save_screenshot(str(path))
                return
            h = self.js("return Math.min(document.documentElement.scrollHeight, 6000)")
            shot = self.d.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": PHONE[0], "height": h, "scale": 1}})
            Path(path).write_bytes(base64.b64decode(shot["data"]))
        except Exception:
            self.d.save_screenshot(str(path))


def wait_for_download(folder, suffix, timeout=30):
    """Waits until a finished download with the suffix exists in folder; returns its path."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in Path(folder).iterdir() if p.name.endswith(suffix) and not p.name.endswith(".crdownload")]
        if done and done[0].stat().st_size > 0:
            return done[0]
        time.sleep(0.1)  # polling the file system with a deadline
    raise AssertionError(f"no {suffix} download in {folder}: {[p.name for p in Path(folder).iterdir()]}")
