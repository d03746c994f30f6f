"""Accessibility audit with axe-core: the engines that the PyPI package axe-selenium-python bundles.

`scripts/setup.sh` unpacks each pinned version of that package (Tests/browser/requirements.txt)
into <repo>/.build/python-tools/axe-selenium-python-<version>; RESUME_AGENT_PYTHON_TOOLS points
elsewhere. Only the bundled `axe.min.js` of each is used: injected into the page with
`execute_script` (no network) and run with every rule that engine enables by default. Any
violation from any engine fails the test, listing each rule's id, impact and the elements found.
"""
import json
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOOLS = Path(os.environ.get("RESUME_AGENT_PYTHON_TOOLS", REPO / ".build" / "python-tools"))
AXE_JS = "axe_selenium_python/node_modules/axe-core/axe.min.js"


def engines():
    """[(name, script)] for every installed axe-selenium-python, oldest first."""
    found = sorted(TOOLS.glob(f"axe-selenium-python-*/{AXE_JS}"))
    if not found:
        raise AssertionError(f"no axe-selenium-python in {TOOLS}: run scripts/setup.sh")
    return [(p.parents[3].name, p.read_text(encoding="utf-8")) for p in found]


_ENGINES = None

# The preview is a sandboxed iframe without scripts (the resume's own HTML, made by the
# renderer): axe cannot run inside it, so it is not asked to wait for it.
_OPTIONS = {"iframes": False, "resultTypes": ["violations"]}

# axe scrolls elements into view to read their colours; the page is scrolled back afterwards so
# an audit leaves the page as the test had it (a later click must land where it did before).
_RUN = """
const done = arguments[arguments.length - 1];
const scrolled = [document.scrollingElement, ...document.querySelectorAll('*')]
  .filter((el) => el && (el.scrollTop || el.scrollLeft))
  .map((el) => [el, el.scrollTop, el.scrollLeft]);
const restore = () => {
  for (const el of document.querySelectorAll('*')) if (el.scrollTop || el.scrollLeft) { el.scrollTop = 0; el.scrollLeft = 0; }
  document.scrollingElement.scrollTop = 0;
  document.scrollingElement.scrollLeft = 0;
  for (const [el, top, left] of scrolled) { el.scrollTop = top; el.scrollLeft = left; }
};
axe.run(document, arguments[0])
  .then((r) => { restore(); done({ version: axe.version, violations: r.violations }); })
  .catch((e) => { restore(); done({ error: String(e && e.stack || e) }); });
"""


def audit(driver, where):
    """Runs every axe engine on the page as it is now; raises AssertionError listing every violation."""
    global _ENGINES
    if _ENGINES is None:
        _ENGINES = engines()
    problems, versions = [], []
    for name, script in _ENGINES:
        driver.execute_script(script)  # each engine replaces window.axe with itself
        result = driver.execute_async_script(_RUN, _OPTIONS)
        if "error" in result:
            raise AssertionError(f"axe-core ({name}) failed at {where}: {result['error']}")
        versions.append(result["version"])
        if result["violations"]:
            problems.append(f"axe-core {result['version']} ({name}): {len(result['violations'])} violation(s)\n"
                            + report(result["violations"]))
    if problems:
        raise AssertionError(f"accessibility violations at {where}:\n" + "\n".join(problems))
    return versions


def report(violations):
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact') or 'n/a'}): {v['help']}")
        for node in v["nodes"][:8]:
            target = " ".join(t if isinstance(t, str) else json.dumps(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").strip().splitlines()
            lines.append(f"    {target}: {summary[-1].strip() if summary else ''}")
            lines.append(f"      {node['html'][:160]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)
