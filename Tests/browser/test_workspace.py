"""The web workspace in a real browser against the real server (built-in `local` provider)."""
import json

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from a11y import engines
from conftest import FIXTURES, PHONE, DESKTOP
from ui import Page, wait_for_download

RESUME_PDF = FIXTURES / "resumes" / "alex-chen.pdf"
RESUME_MD = FIXTURES / "resumes" / "alex-chen.md"
JD = FIXTURES / "jds" / "senior-backend-platform.txt"
BAD_PDF = FIXTURES / "bad" / "text-named.pdf"


@pytest.fixture
def page(driver, server, shots_dir):
    return Page(driver, server)


def prepared_session(server, analyzed=False):
    """A session with the resume and the JD in place (and the gap analysis, if asked), made over HTTP."""
    sid = server.create_session()
    server.upload_resume(sid, RESUME_PDF)
    server.post_jd(sid, JD.read_text())
    if analyzed:
        _, events = server.run(sid, "Analyze my gaps")
        assert events[-1]["type"] == "run_completed", events[-1]
    return sid


def assistant_text(events):
    return "".join(e["payload"].get("text", "") for e in events if e["type"] == "assistant_delta")


def decide_in_modal(page, action, reason=None):
    """Approves or rejects the approval shown in the modal; returns its approval id."""
    page.wait_modal()
    shown = page.js("return document.getElementById('approval').dataset.approvalId")
    if reason:
        field = page.q("#approval-reason")
        field.clear()
        field.send_keys(reason)
    page.q("#approval-approve" if action == "approve" else "#approval-reject").click()
    page.wait_js("const d = document.getElementById('approval'); return !d.open || d.dataset.approvalId !== arguments[0]",
                 shown, timeout=30, message="the decision was not taken")
    return shown


def test_full_journey(page, server, downloads):
    """Upload the PDF, paste the JD, analyze, approve one edit, reject another, see the preview
    change, export PDF and DOCX and download them."""
    page.open()
    page.wait_state("draft")
    assert page.q("#steps .step.current h3").text == "Upload your resume"
    page.snap("01-start")

    page.q("#resume-file").send_keys(str(RESUME_PDF))
    page.wait_state("resume_uploaded")
    page.wait_js("return document.querySelector('#upload-status').classList.contains('ok')")
    page.wait_js("return (document.getElementById('preview').getAttribute('srcdoc') || '').length > 0",
                 message="preview never loaded after the upload")
    assert "Chen" in page.preview_html()
    # Step 1 shows what was read beside the page; going on waits for "Looks right".
    page.wait_js("return !document.getElementById('review').hidden", message="the import review did not open")
    page.snap("02-uploaded")
    page.q("#review-confirm").click()
    page.wait_js("return document.getElementById('review').hidden && !document.getElementById('jd-submit').disabled")

    page.js("const t = document.getElementById('jd-text'); t.value = arguments[0]; t.dispatchEvent(new Event('input'));",
            JD.read_text())
    page.q("#jd-submit").click()
    page.wait_state("jd_provided")
    page.snap("03-jd")

    page.q("#analyze").click()
    page.wait_running()
    page.wait_state("gap_analyzed", timeout=120)
    page.wait_idle()
    page.wait_js("return document.querySelector('#report .score-ring') !== null", message="gap report not rendered")
    page.js("document.getElementById('tab-report').click()")
    report = page.q("#report").text
    assert "Supported by your resume" in report and "Missing from your resume" in report
    assert "Kubernetes" in report
    assert "{" not in page.q("#report .score-card").text  # a report, not raw JSON
    page.snap("04-analyzed")

    page.js("document.getElementById('tab-preview').click()")
    before = page.preview_html()
    page.q("#tailor").click()
    page.wait_running()
    page.wait_modal()
    page.snap("05-approval-modal")
    first = decide_in_modal(page, "approve")

    # The next proposal (same run) or, if the run proposed only one, a second tailoring run.
    page.wait(lambda d: page.modal_open() and page.js("return document.getElementById('approval').dataset.approvalId") != first
              or not page.js("return window.resumeAgent.activeRunId"), timeout=120,
              message="neither a second proposal nor the end of the run")
    if not page.modal_open():
        page.wait_idle()
        page.q("#tailor").click()
    decide_in_modal(page, "reject", reason="Keep my original wording here")
    # Decide anything else that comes up, then let the run finish.
    while True:
        page.wait(lambda d: page.modal_open() or not page.js("return window.resumeAgent.activeRunId"), timeout=120)
        if not page.modal_open():
            break
        decide_in_modal(page, "reject")
    page.wait_idle()
    page.wait_state("rewrite_applied")
    page.wait(lambda d: page.preview_html() and page.preview_html() != before, timeout=30,
              message="preview did not change after the approved edit")
    cards = page.js("return Array.from(document.querySelectorAll('.tool .badge')).map(b => b.textContent)")
    assert "Applied" in cards and "Rejected" in cards, cards
    page.snap("06-tailored")

    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        page.q(f"input[name=format][value={fmt}]").find_element(By.XPATH, "..").click()
        page.q("#export").click()
        page.wait_js("return document.querySelector('#export-status').classList.contains('ok') && "
                     "document.querySelector('#export-status').textContent.includes(arguments[0])", f".{fmt}",
                     timeout=120, message=f"{fmt} export never finished")
        button = page.wait(lambda d: next((li.find_element(By.CSS_SELECTOR, "button.download")
                                           for li in page.qs("#downloads li") if li.get_attribute("data-path").endswith(f".{fmt}")), None))
        button.click()
        path = wait_for_download(downloads, f".{fmt}")
        assert path.read_bytes().startswith(magic), f"{path.name} does not start with {magic!r}"
    page.wait_state("exported")
    page.snap("07-exported")


def test_refresh_mid_run_reattaches_without_duplicates(page, server):
    """Refresh while a run waits on an approval: the stream re-attaches with Last-Event-ID and the
    chat shows exactly the run's assistant_delta text."""
    sid = prepared_session(server, analyzed=True)
    page.open(server.session_url(sid))
    page.wait_state("gap_analyzed")
    page.q("#tailor").click()
    run_id = page.wait_running()
    page.wait_modal()
    page.snap("08-before-refresh", phone=False)

    page.d.refresh()
    page.wait_ready()
    assert page.session_id == sid
    page.wait_js("return window.resumeAgent.activeRunId === arguments[0]", run_id, message="did not re-attach to the run")
    page.wait_modal()  # the pending approval is still visible after the refresh
    page.snap("09-after-refresh")
    while True:
        decide_in_modal(page, "approve")
        page.wait(lambda d: page.modal_open() or not page.js("return window.resumeAgent.activeRunId"), timeout=120)
        if not page.modal_open():
            break
    page.wait_idle()

    events = server.stream(sid, run_id)  # the server's replay of the finished run
    assert events[-1]["type"] in ("run_completed", "run_interrupted", "run_failed")
    shown = page.js("return window.resumeAgent.textOf(arguments[0])", run_id)
    assert shown == assistant_text(events)
    # What the person reads is that text with only the Markdown markers (** and `) rendered away.
    visible = page.js("return Array.from(document.querySelectorAll('.run[data-run-id=\"' + arguments[0] + '\"] .assistant-text'))"
                      ".map(n => n.textContent).join('')", run_id)
    assert visible == assistant_text(events).replace("**", "").replace("`", "")
    cards = page.js("return document.querySelectorAll('.run[data-run-id=\"' + arguments[0] + '\"] .tool').length", run_id)
    assert cards == sum(1 for e in events if e["type"] == "tool_call_proposed")

    # A second refresh after the end replays the same history, still without duplicates.
    page.d.refresh()
    page.wait_ready()
    page.wait_js("return window.resumeAgent.textOf(arguments[0]).length > 0", run_id)
    page.wait_js("return document.querySelector('.run[data-run-id=\"' + arguments[0] + '\"] .run-end') !== null", run_id)
    assert page.js("return window.resumeAgent.textOf(arguments[0])", run_id) == assistant_text(events)


def test_invalid_upload_shows_server_message(page, server):
    status, body = server.multipart(f"/sessions/{server.create_session()}/resume", BAD_PDF)
    assert 400 <= status < 500 and "error" in body, body
    page.open()
    page.q("#resume-file").send_keys(str(BAD_PDF))
    page.wait_js("return document.querySelector('#upload-status').classList.contains('error')")
    assert page.q("#upload-status").text == body["error"]["message"]
    assert page.state == "draft"
    page.snap("10-invalid-upload")


def test_auto_approve_skips_the_modal(page, server):
    sid = prepared_session(server, analyzed=True)
    page.open(server.session_url(sid))
    page.wait_state("gap_analyzed")
    page.js("""window.__modalOpens = 0;
      new MutationObserver(() => { if (document.getElementById('approval').open) window.__modalOpens++; })
        .observe(document.getElementById('approval'), {attributes: true, attributeFilter: ['open']});""")
    page.q("label.switch").click()
    page.wait(lambda d: server.ok("GET", f"/sessions/{sid}")["auto_approve"] is True, timeout=10)
    page.q("#tailor").click()
    run_id = page.wait_running()
    # Flagged edits still need a person; only those may open the modal.
    while True:
        page.wait(lambda d: page.modal_open() or not page.js("return window.resumeAgent.activeRunId"), timeout=120)
        if not page.modal_open():
            break
        decide_in_modal(page, "reject")
    page.wait_idle()
    events = server.stream(sid, run_id)
    auto = [e for e in events if e["type"] == "tool_call_approved" and e["payload"].get("by") == "auto"]
    flagged = [e for e in events if e["type"] == "tool_call_proposed" and e["payload"].get("requires_approval")
               and e["payload"].get("truth_flags")]
    assert auto, "no edit was auto-approved"
    assert page.js("return window.__modalOpens") <= len(flagged)
    page.wait_js("return Array.from(document.querySelectorAll('.tool .badge')).some(b => b.textContent === 'Auto-applied')")
    page.snap("11-auto-approved")


def test_narrow_viewport_has_no_horizontal_scroll(page, server):
    sid = prepared_session(server, analyzed=True)
    page.d.set_window_size(*PHONE)
    page.open(server.session_url(sid))
    page.wait_js("return window.innerWidth === 390")
    page.wait_js("return document.querySelector('#report .score-ring') !== null")
    for tab in ("tab-preview", "tab-report", "tab-files"):
        page.js("document.getElementById(arguments[0]).click()", tab)
        assert page.no_horizontal_scroll(), f"horizontal scroll with {tab} open"
        page.audit(f"390 px, {tab}")
    page.q("#tailor").click()
    page.wait_modal()
    assert page.no_horizontal_scroll(), "horizontal scroll with the approval modal open"
    page.audit("390 px, approval modal")
    page.d.save_screenshot(str(page_shot("12-phone-modal-390.png")))
    page.q("#approval-later").click()
    page.d.set_window_size(*DESKTOP)


def page_shot(name):
    from conftest import SCREENSHOTS
    return SCREENSHOTS / name


def test_auth_screen(page, server):
    """A browser without a token sees the sign-in form; a wrong token is refused with a message
    next to the field; the right one opens the workspace. Audited with axe-core at each step."""
    page.d.get(server.base_url + "/")
    page.wait_js("return !document.getElementById('auth-screen').hidden", message="auth screen not shown")
    assert page.js("return document.activeElement && document.activeElement.id") == "auth-token"
    page.snap("13-auth")

    page.q("#auth-token").send_keys("not-a-valid-token")
    page.q("#auth-token").send_keys(Keys.ENTER)
    page.wait_js("return !document.getElementById('auth-message').hidden && !document.getElementById('auth-screen').hidden",
                 message="a wrong token was not refused")
    assert page.q("#auth-message").text
    page.snap("14-auth-refused", phone=False)

    page.q("#auth-token").send_keys(server.token)
    page.q("#auth-token").send_keys(Keys.ENTER)
    page.wait_ready()
    page.wait_state("draft")


def test_ui_learns_the_workflow_from_the_api(page, server):
    """The page keeps no copy of the server's lists: every event type has a handler, the export
    choices are the server's formats, and a control is enabled exactly when the workflow's rules
    allow its action from the session's state."""
    workflow = server.ok("GET", "/workflow")
    page.open()
    page.wait_state("draft")
    assert page.js("return window.resumeAgent.unhandledEventTypes()") == []
    shown = page.js("return Array.from(document.querySelectorAll('input[name=format]'))"
                    ".map(i => [i.value, i.parentElement.textContent.trim()])")
    assert shown == [[f["format"], f["label"]] for f in workflow["export_formats"]]
    assert page.js("return document.querySelector('input[name=format]:checked').value") == workflow["export_formats"][0]["format"]

    for state, url in (("draft", None), ("jd_provided", server.session_url(prepared_session(server)))):
        if url:
            page.open(url)
            page.wait_state(state)
        page.wait_idle()
        allowed = {r["action"] for r in workflow["rules"] if state in r["from"]}
        controls = page.js("return Array.from(document.querySelectorAll('[data-requires]'))"
                           ".map(el => [el.id, el.dataset.requires, !el.disabled])")
        assert controls, "no control names its workflow action"
        for cid, action, enabled in controls:
            assert enabled == (action in allowed), f"{cid} ({action}) enabled={enabled} in {state}"


def test_audit_reports_violations(page, server):
    """The audit can fail: an unlabelled field and a second banner are caught by every engine."""
    page.d.get(server.base_url + "/")
    page.wait_js("return !document.getElementById('auth-screen').hidden")
    page.js("document.getElementById('auth-form').append(document.createElement('input'));"
            "const b = document.createElement('header'); b.textContent = 'second banner'; document.body.prepend(b);"
            "document.getElementById('topbar').hidden = false;")
    with pytest.raises(AssertionError) as failure:
        page.audit("deliberately broken page")
    text = str(failure.value)
    for engine, _ in engines():
        section = text.split(f"({engine})", 1)
        assert len(section) == 2, f"{engine} found nothing:\n{text}"
        found = section[1].split("axe-core ", 1)[0]
        assert "- label (critical)" in found and "landmark-no-duplicate-banner" in found, found


def test_dark_scheme_and_other_views(page, server):
    """axe-core on what the journey's screenshots do not show: the dark colour scheme, the job
    link field, the file viewer, a re-opened step."""
    sid = prepared_session(server, analyzed=True)
    page.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    page.open(server.session_url(sid))
    page.wait_state("gap_analyzed")
    page.wait_js("return document.querySelector('#report .score-ring') !== null")
    assert page.js("return matchMedia('(prefers-color-scheme: dark)').matches")
    for tab in ("tab-preview", "tab-report", "tab-files"):
        page.js("document.getElementById(arguments[0]).click()", tab)
        page.audit(f"dark, {tab}")
    page.wait(lambda d: page.qs("#files li[data-path='resume.md'] .file-open"))
    page.q("#files li[data-path='resume.md'] .file-open").click()
    page.wait_js("return !document.getElementById('file-viewer').hidden")
    page.audit("dark, file viewer")
    page.snap("15-dark-files", phone=False)

    toggle = page.q(".step[data-action='provide_jd'] .step-toggle")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.q("input[name='jd-mode'][value='url']").find_element(By.XPATH, "..").click()
    page.wait_js("return !document.getElementById('jd-url-field').hidden")
    page.audit("dark, job link field")
    page.q("#tailor").click()
    page.wait_modal()
    page.audit("dark, approval modal")
    page.snap("16-dark-modal", phone=False)
    page.q("#approval-later").click()
