"""Step 1's review of an import in a real browser against the real server: the report, the page
images of the original beside the text we read, "Looks right" and "Fix the text". axe-core runs
on every state shown."""
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys

from conftest import FIXTURES
from pdfgen import three_columns
from ui import Page

REAL_RESUMES = FIXTURES.parent / "datasets" / "real-resumes"
TWO_COLUMNS = REAL_RESUMES / "altacv-sample.pdf"
RESUME_PDF = FIXTURES / "resumes" / "alex-chen.pdf"
RESUME_DOCX = FIXTURES / "resumes" / "alex-chen.docx"


@pytest.fixture
def page(driver, server, shots_dir):
    return Page(driver, server)


def wait_review(page):
    page.wait_js("return !document.getElementById('review').hidden && document.querySelector('#review-report .import-report') !== null",
                 message="the import review never opened with its report")
    page.wait_js("return document.getElementById('review-text').textContent.startsWith('#')", message="the text we read never showed")


def wait_page_image(page, number):
    page.wait_js("const i = document.getElementById('review-page');"
                 "return !i.hidden && i.complete && i.naturalWidth > 0 && i.dataset.page === arguments[0]", str(number),
                 timeout=60, message=f"page {number} never loaded")
    return page.js("const i = document.getElementById('review-page'); return [i.naturalWidth, i.naturalHeight, i.alt]")


def click(page, css):
    """Clicks a control as a person would after scrolling to it (the review's action bar sticks
    to the bottom of its panel and may cover a control at the very bottom)."""
    element = page.q(css)
    page.js("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def upload(page, path):
    page.q("#resume-file").send_keys(str(path))
    page.wait_state("resume_uploaded")
    wait_review(page)


def server_file(server, sid, path):
    return server.ok("GET", f"/sessions/{sid}/files/{path}", raw=True).decode("utf-8")


def warnings_shown(page):
    return page.js("return Array.from(document.querySelectorAll('.import-warnings li')).map(li => [li.dataset.code, li.textContent])")


def test_review_shows_the_report_and_the_page_beside_the_text(page, server):
    """A real two-column resume: the report, page 1 as an image beside the text we read, page 2
    through the pager, the later steps waiting until "Looks right"."""
    page.open()
    page.wait_state("draft")
    upload(page, TWO_COLUMNS)
    sid = page.session_id
    report = server.ok("GET", f"/sessions/{sid}/files/analysis/import.json")

    # The upload was made here: the keyboard is taken to the review.
    assert page.js("return document.activeElement.id") == "review-title"
    width, height, alt = wait_page_image(page, 1)
    assert width > 0 and height > width, (width, height)
    assert alt.startswith("Page 1 of 2")
    shown_text = page.q("#review-text").text
    assert shown_text.strip() == server_file(server, sid, "resume.md").strip()

    summary = page.q("#review-report .import-summary").text
    assert f"{round(report['confidence'] * 100)}%" in summary
    facts = page.q(".import-facts").text
    assert "2 pages" in facts
    for columns in report["columns"]:
        assert f"page {columns['page']}: " in facts
    rows = page.js("return Array.from(document.querySelectorAll('.import-sections tbody th')).map(th => th.textContent)")
    assert rows == [s["title"] for s in report["sections"]]
    assert [w[0] for w in warnings_shown(page)] == [w["code"] for w in report["warnings"] if w["code"] != "low_confidence"]

    # Going on waits for the check: step 2 is locked, step 1 says what to do.
    assert page.q("#jd-submit").get_attribute("disabled") is not None
    assert page.q("#state-line").text.startswith("Check the text we read")
    # Side by side on a wide screen: the page's left edge is left of the text's, on one row.
    boxes = page.js("const a = document.querySelector('.page-frame').getBoundingClientRect(),"
                    " b = document.getElementById('review-text').getBoundingClientRect(); return [a.left, a.top, b.left, b.top]")
    assert boxes[0] < boxes[2] and abs(boxes[1] - boxes[3]) < 80, boxes
    page.snap("20-import-review")

    # Stacked on a phone, no sideways scrolling.
    page.d.set_window_size(390, 844)
    page.wait_js("return window.innerWidth === 390")
    stacked = page.js("const a = document.querySelector('.page-frame').getBoundingClientRect(),"
                      " b = document.getElementById('review-text').getBoundingClientRect(); return [a.bottom, b.top]")
    assert stacked[0] <= stacked[1], stacked
    assert page.no_horizontal_scroll()
    page.d.set_window_size(1366, 900)
    page.wait_js("return window.innerWidth === 1366")

    click(page, "#review-next")
    wait_page_image(page, 2)
    assert page.q("#review-page-label").text.startswith("Page 2 of 2")
    assert page.q("#review-next").get_attribute("disabled") is not None
    page.audit("import review, page 2")

    click(page, "#review-confirm")
    page.wait_js("return document.getElementById('review').hidden")
    page.wait_js("return !document.getElementById('jd-submit').disabled", message="step 2 stayed locked after the check")
    assert page.js("return document.activeElement.id") == "jd-text"
    assert page.q("#chat-log").is_displayed()
    page.audit("after the check")

    # It is not asked again for the same import after a reload; it can be reopened from step 1.
    page.d.refresh()
    page.wait_ready()
    page.wait_state("resume_uploaded")
    page.wait_js("return !document.getElementById('review-open').hidden")
    assert page.js("return document.getElementById('review').hidden")
    click(page, "#review-open")
    wait_review(page)
    wait_page_image(page, 1)


def test_an_ambiguous_three_column_page_is_a_warning_not_a_silent_merge(page, server, tmp_path):
    """Three columns side by side: the order is a guess, so the review says so; with nothing else
    to be sure of (no name, no section title), it says the whole import is low-confidence."""
    pdf = tmp_path / "three-columns.pdf"
    pdf.write_bytes(three_columns(with_header=True))
    page.open()
    page.wait_state("draft")
    upload(page, pdf)
    wait_page_image(page, 1)
    codes = [code for code, _ in warnings_shown(page)]
    assert "ambiguous_columns" in codes, warnings_shown(page)
    message = next(text for code, text in warnings_shown(page) if code == "ambiguous_columns")
    assert "three or more columns" in message
    assert "page 1: 3 columns side by side" in page.q(".import-facts").text
    assert page.js("return document.querySelectorAll('.import-unplaced li').length") > 0
    page.snap("21-three-columns")

    bare = tmp_path / "bare-columns.pdf"
    bare.write_bytes(three_columns(with_header=False))
    click(page, "#review-close")
    page.q("#resume-file").send_keys(str(bare))
    page.wait_js("return !document.getElementById('review').hidden && document.querySelector('#review-report .import-summary.level-low') !== null",
                 timeout=90, message="a low-confidence import did not say so")
    report = server.ok("GET", f"/sessions/{page.session_id}/files/analysis/import.json")
    assert report["low_confidence"] is True
    notice = page.q(".import-low").text
    assert notice == next(w["message"] for w in report["warnings"] if w["code"] == "low_confidence")
    assert page.q(".import-summary h3").text == "We are not sure we read this resume correctly"
    page.audit("low-confidence import")
    page.d.save_screenshot(str(Path(page_shots()) / "22-low-confidence-desktop.png"))


def test_fixing_the_text_updates_the_resume_and_the_preview(page, server):
    """Opened later from the session link: the unchecked import is shown again; the person fixes
    the text (an empty save is refused with a message), and the resume, the original the truth
    guard uses, and the preview follow."""
    sid = server.create_session()
    server.upload_resume(sid, RESUME_PDF)
    page.open(server.session_url(sid))
    page.wait_state("resume_uploaded")
    wait_review(page)
    wait_page_image(page, 1)

    # By keyboard: Enter opens the editor on the text, Escape cancels and gives the focus back.
    page.js("document.getElementById('review-edit').focus()")
    page.d.switch_to.active_element.send_keys(Keys.ENTER)
    page.wait_js("return !document.getElementById('review-editor').hidden")
    assert page.js("return document.activeElement.id") == "review-markdown"
    page.d.switch_to.active_element.send_keys(Keys.ESCAPE)
    page.wait_js("return document.getElementById('review-editor').hidden && document.activeElement.id === 'review-edit'",
                 message="Escape did not close the editor back to its button")
    assert page.q("#review-text").is_displayed()
    page.d.switch_to.active_element.send_keys(Keys.ENTER)
    page.wait_js("return !document.getElementById('review-editor').hidden")
    assert page.js("return document.activeElement.id") == "review-markdown"
    assert page.q("#review-markdown").get_attribute("value").strip() == server_file(server, sid, "resume.md").strip()
    page.audit("editor open")

    page.js("const t = document.getElementById('review-markdown'); t.value = '   '; t.dispatchEvent(new Event('input'));")
    click(page, "#review-save")
    page.wait_js("return !document.getElementById('review-editor-error').hidden")
    assert "empty" in page.q("#review-editor-error").text
    assert page.q("#review-markdown").get_attribute("aria-invalid") == "true"
    page.audit("editor with an error")

    original = server_file(server, sid, "resume.md")
    fixed = original.replace("# Alex Chen", "# Alex J. Chen", 1) + "\n## Volunteering\n\n- Taught weekend coding classes at the public library\n"
    page.js("const t = document.getElementById('review-markdown'); t.value = arguments[0]; t.dispatchEvent(new Event('input'));", fixed)
    click(page, "#review-save")
    page.wait_js("return document.getElementById('review-editor').hidden && "
                 "document.getElementById('review-text').textContent.includes('public library')", message="the saved text did not show")
    assert "Saved" in page.q("#review-text-status").text
    for path in ("resume.md", "resume.original.md"):
        assert server_file(server, sid, path) == fixed.rstrip("\n") + "\n", path
    page.snap("23-text-fixed", phone=False)

    click(page, "#review-confirm")
    page.wait_js("return document.getElementById('review').hidden")
    page.wait(lambda d: "public library" in page.preview_html() and "Alex J. Chen" in page.preview_html(), timeout=30,
              message="the preview did not show the corrected text")
    page.audit("preview after the fix")


def test_a_word_document_has_no_page_image_and_says_so(page, server):
    """No page image for a DOCX, said in words; audited in the dark colour scheme too."""
    page.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    page.open()
    page.wait_state("draft")
    upload(page, RESUME_DOCX)
    page.wait_js("return document.getElementById('review-page-status').textContent.includes('no page image')")
    assert page.js("return document.getElementById('review-page').hidden")
    assert "Word document" in page.q("#review-page-status").text
    assert page.js("return document.getElementById('review-pager').hidden")
    assert page.js("return matchMedia('(prefers-color-scheme: dark)').matches")
    page.audit("DOCX review, dark")
    click(page, "#review-edit")
    page.wait_js("return !document.getElementById('review-editor').hidden")
    page.audit("DOCX review, dark, editor open")


def page_shots():
    from conftest import SCREENSHOTS
    return SCREENSHOTS


def test_after_the_analysis_the_review_still_opens_but_the_text_is_no_longer_corrected_here(page, server):
    """Once analysed, the text is what the analysis was built on: the review can be read again,
    "Fix the text" is off (the workflow's correct_resume rule) and says why."""
    sid = server.create_session()
    server.upload_resume(sid, RESUME_PDF)
    server.post_jd(sid, (FIXTURES / "jds" / "senior-backend-platform.txt").read_text())
    _, events = server.run(sid, "Analyze my gaps")
    assert events[-1]["type"] == "run_completed", events[-1]
    page.open(server.session_url(sid))
    page.wait_state("gap_analyzed")
    assert page.js("return document.getElementById('review').hidden")
    page.wait_js("return !document.getElementById('review-open').hidden")
    click(page, "#review-open")
    wait_review(page)
    wait_page_image(page, 1)
    assert page.q("#review-edit").get_attribute("disabled") is not None
    assert page.q("#review-edit-hint").is_displayed()
    page.audit("review after the analysis")
    click(page, "#review-confirm")
    page.wait_js("return document.getElementById('review').hidden")
    assert page.state == "gap_analyzed"
