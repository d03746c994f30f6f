"""The operator's usage dashboard (/admin) in headless Chromium, on a server whose local model is
priced (so runs cost money), after real journeys of two tenants. Its numbers must be the ones
`resume-agent usage --json` prints, and it must pass axe with no violation."""
import base64
import json
import os
import shutil
import signal
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import DESKTOP, FIXTURES, PHONE, REPO, SCREENSHOTS, TERMINAL, Server, _start_server
from ui import Page

RESUME_MD = FIXTURES / "resumes" / "alex-chen.md"
JD = FIXTURES / "jds" / "senior-backend-platform.txt"
BIN_DIR = Path(os.environ.get("RESUME_AGENT_BIN_DIR", REPO / ".build" / "debug"))
# USD per 1M input/output tokens for the built-in local model: its runs then cost real money.
PRICES = "local-deterministic=1/2"
WINDOWS = ("today", "7d", "30d")


def cli(data_dir, *args):
    out = subprocess.run([str(BIN_DIR / "resume-agent"), *args, "--data-dir", str(data_dir)],
                         check=True, capture_output=True, text=True, timeout=60)
    return out.stdout


def usage_json(data_dir, since):
    return json.loads(cli(data_dir, "usage", "--since", since, "--json"))


def tailor_with_one_approval(srv, sid):
    """Runs a tailoring request, approving the first proposed edit and rejecting the rest."""
    run_id = srv.ok("POST", f"/sessions/{sid}/messages", {"content": "Tailor my resume to this job"})["run_id"]
    req = urllib.request.Request(f"{srv.base_url}/api/v1/sessions/{sid}/runs/{run_id}/stream",
                                 headers={"Authorization": f"Bearer {srv.token}", "Accept": "text/event-stream"})
    decided, last, data = [], None, []
    with urllib.request.urlopen(req, timeout=180) as res:
        for raw in res:
            line = raw.decode("utf-8").rstrip("\r\n")
            if line.startswith("data:"):
                data.append(line[5:].lstrip(" "))
                continue
            if line or not data:
                continue
            env = json.loads("\n".join(data))
            data = []
            last = env["type"]
            payload = env["payload"]
            if last == "tool_call_proposed" and payload.get("requires_approval"):
                action = "approve" if not decided else "reject"
                srv.ok("POST", f"/sessions/{sid}/approvals/{payload['approval_id']}/{action}")
                decided.append(action)
            if last in TERMINAL:
                break
    assert last == "run_completed", last
    assert decided and decided[0] == "approve", decided


def journey(srv, tailor):
    sid = srv.create_session()
    srv.upload_resume(sid, RESUME_MD)
    srv.post_jd(sid, JD.read_text())
    _, events = srv.run(sid, "Analyze my gaps")
    assert events[-1]["type"] == "run_completed", events[-1]
    if tailor:
        tailor_with_one_approval(srv, sid)
    return sid


@pytest.fixture(scope="module")
def priced(shots_dir):
    """A server of its own with the local model priced, after two tenants' journeys."""
    tmp = tempfile.mkdtemp(prefix="ra-admin-")
    srv = _start_server(tmp, extra_env={"RESUME_AGENT_PRICES": PRICES}, log_name="server-admin.log")
    data_dir = Path(tmp) / "data"
    try:
        acme_token = cli(data_dir, "token", "create", "--tenant", "acme").strip().splitlines()[-1]
        acme = Server(srv.base_url, acme_token)
        journey(srv, tailor=True)   # the default tenant: analysis + tailoring with an approval
        journey(acme, tailor=False)  # a second tenant: analysis only
        # A budget acme has nearly used up, so the page shows a budget under pressure.
        spent = usage_json(data_dir, "today")
        acme_spent = next(t["cost_usd"] for t in spent["tenants"] if t["tenant"] == "acme")
        assert acme_spent > 0
        cli(data_dir, "tenant", "set", "acme", "--daily-budget-usd", f"{acme_spent * 1.15:.6f}")
        yield srv, acme, data_dir
    finally:
        srv.proc.send_signal(signal.SIGTERM)
        try:
            srv.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            srv.proc.kill()
            srv.proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def page(driver, priced):
    return Page(driver, priced[0])


def open_admin(page, token=None, state="ready"):
    url = f"{page.server.base_url}/admin" + (f"#token={token}" if token else "")
    page.d.get(url)
    page.wait_js("return document.body.dataset.state === arguments[0]", state, timeout=30,
                 message=f"/admin never reached state {state} (is {page.js('return document.body.dataset.state')})")


def full_page_shot(page, path, width):
    h = page.js("return Math.min(document.documentElement.scrollHeight, 8000)")
    shot = page.d.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": h, "scale": 1}})
    Path(path).write_bytes(base64.b64decode(shot["data"]))


def cells(page, selector):
    return page.js("return [...document.querySelectorAll(arguments[0])].map((c) => c.dataset.usd ?? c.dataset.count)", selector)


def test_dashboard_shows_the_numbers_usage_prints(page, priced):
    srv, _, data_dir = priced
    open_admin(page, srv.token)
    # The token left the address bar and stays in the browser, as in the workspace.
    assert "token" not in page.d.current_url

    cli_reports = {since: usage_json(data_dir, since) for since in WINDOWS}
    # Per tenant and in all, for each window: the page's exact numbers are the CLI's.
    for since in WINDOWS:
        report = cli_reports[since]
        assert report["total_cost_usd"] > 0
        shown = page.js("return document.querySelector(`#totals-table tfoot td[data-window='${arguments[0]}']`).dataset.usd", since)
        assert float(shown) == report["total_cost_usd"], since
        for tenant in report["tenants"]:
            cell = page.js("return document.querySelector(`#totals-table tbody tr[data-tenant='${arguments[0]}'] td[data-window='${arguments[1]}']`)?.dataset.usd",
                           tenant["tenant"], since)
            assert cell is not None and float(cell) == tenant["cost_usd"], (since, tenant["tenant"])

    # The chart: bars for the spending tenants, summing to the 30-day total.
    chart = page.q("#cost-chart")
    assert chart.get_attribute("role") == "img"
    assert page.js("return document.getElementById('chart-title').textContent").startswith("Cost per day")
    bars = page.qs("#cost-chart rect.bar")
    assert len(bars) >= 2
    assert {b.get_attribute("data-tenant") for b in bars} == {"default", "acme"}
    assert abs(sum(float(b.get_attribute("data-usd")) for b in bars) - cli_reports["30d"]["total_cost_usd"]) < 1e-9
    assert int(chart.get_attribute("data-days")) in (30, 31)
    # Drawn as computed: no style resizes a bar, and each day's stack stands on the axis.
    geometry = page.js("""
        const axis = Number(document.querySelector('#cost-chart line.axis').getAttribute('y1'));
        const bars = [...document.querySelectorAll('#cost-chart rect.bar')];
        const bottoms = {};
        for (const b of bars) { const box = b.getBBox(); bottoms[b.dataset.day] = Math.max(bottoms[b.dataset.day] ?? 0, box.y + box.height); }
        return { axis, resized: bars.filter((b) => Math.abs(b.getBBox().height - Number(b.getAttribute('height'))) > 0.01).length,
                 bottoms: Object.values(bottoms) };""")
    assert geometry["resized"] == 0, geometry
    assert all(abs(bottom - geometry["axis"]) < 0.01 for bottom in geometry["bottoms"]), geometry

    # Runs and outcomes over the selected period (7 days by default) are the CLI's.
    week = cli_reports["7d"]
    for tenant in week["tenants"]:
        runs = page.js("return document.querySelector(`#runs-table tr[data-tenant='${arguments[0]}'] td[data-count]`).dataset.count", tenant["tenant"])
        assert int(runs) == tenant["runs"], tenant["tenant"]
    assert sum(int(c) for c in cells(page, "#outcomes-table td[data-count]")) == sum(o["count"] for o in week["outcomes"])
    assert [float(c) for c in cells(page, "#sessions-table td[data-usd]")] == [s["cost_usd"] for s in week["top_sessions"]]
    assert [float(c) for c in cells(page, "#models-table td[data-usd]")] == [m["cost_usd"] for m in week["models"]]

    # Budgets: today's spend against each tenant's daily budget; acme's is nearly used up.
    acme_budget = page.q("#budgets li[data-tenant='acme']")
    assert "near" in acme_budget.get_attribute("class")
    assert float(acme_budget.get_attribute("data-spent-usd")) == next(t["cost_usd"] for t in cli_reports["today"]["tenants"] if t["tenant"] == "acme")
    assert "of $" in acme_budget.text
    # Quotas in use: acme has its one session, and its resume and JD take room.
    assert acme_budget.get_attribute("data-sessions") == "1"
    assert int(acme_budget.get_attribute("data-storage-bytes")) > 0
    assert "sessions 1 of" in acme_budget.text and "storage" in acme_budget.text
    # The pool: workers are connected and idle after the runs.
    pool = page.q("#pool").text
    assert "Idle workers" in pool and "Taking work" in pool

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.audit("admin dashboard (desktop)")
    full_page_shot(page, SCREENSHOTS / "admin.png", DESKTOP[0])
    page.d.set_window_size(*PHONE)
    page.wait_js("return window.innerWidth === arguments[0]", PHONE[0], timeout=10)
    assert page.js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "horizontal scroll at 390 px"
    page.audit("admin dashboard (390 px)")
    full_page_shot(page, SCREENSHOTS / "admin-390.png", PHONE[0])
    page.d.set_window_size(*DESKTOP)


def test_the_period_is_chosen_from_the_keyboard(page, priced):
    srv, _, data_dir = priced
    open_admin(page, srv.token)
    page.q("#period-7d").send_keys(Keys.ARROW_LEFT)  # radio group: arrows move and select
    page.wait_js("return document.getElementById('period-today').checked", timeout=5)
    today = usage_json(data_dir, "today")
    assert page.q("#period-note").text.startswith("Today")
    runs = {t["tenant"]: t["runs"] for t in today["tenants"]}
    for tenant, count in runs.items():
        shown = page.js("return document.querySelector(`#runs-table tr[data-tenant='${arguments[0]}'] td[data-count]`).dataset.count", tenant)
        assert int(shown) == count
    # The numbers behind the chart open from the keyboard too.
    summary = page.q(".chart-data summary")
    summary.send_keys(Keys.ENTER)
    page.wait_js("return document.querySelector('.chart-data').open", timeout=5)
    assert len(page.qs("#chart-table tbody tr")) == int(page.q("#cost-chart").get_attribute("data-days"))
    page.audit("admin dashboard, chart table open")


def test_a_tenants_token_is_told_it_needs_an_administrator(page, priced):
    _, acme, _ = priced
    open_admin(page, acme.token, state="forbidden")
    heading = page.q("#forbidden-title")
    assert heading.is_displayed() and "administrator" in heading.text
    assert not page.q("#dashboard").is_displayed()
    page.audit("admin dashboard, tenant token")
    page.d.save_screenshot(str(SCREENSHOTS / "admin-forbidden.png"))
    # Pasting an administrator's token there shows the dashboard.
    field = page.q("#forbidden-token")
    field.send_keys(page.server.token)
    field.send_keys(Keys.ENTER)
    page.wait_js("return document.body.dataset.state === 'ready'", timeout=30)


def test_without_a_token_it_asks_for_one_and_keeps_the_workspaces(page, priced):
    srv, _, _ = priced
    open_admin(page, state="signin")
    assert page.d.switch_to.active_element.get_attribute("id") == "signin-token"
    page.audit("admin sign-in")
    page.d.switch_to.active_element.send_keys("ra_not_a_token", Keys.ENTER)
    page.wait_js("return document.body.dataset.state === 'signin' && !document.getElementById('signin-message').hidden", timeout=30)
    # Signed in on the workspace: the dashboard uses the same stored token.
    page.d.get(f"{srv.base_url}/#token={srv.token}")
    page.wait_js("return !location.hash.includes('token=')", timeout=30)
    open_admin(page)
