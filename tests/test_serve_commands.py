"""``orderlens lab`` really starts JupyterLab on notebooks/ with the OrderLens extension."""

from __future__ import annotations

import http.cookiejar
import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


#: charts off: these servers are checked for their pages and routes, never a picture
NO_CHARTS = "--OrderLensApp.chart_svg=False"


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _signed_in(base: str, token: str) -> urllib.request.OpenerDirector:
    """A client signed in on the sign-in form (cookie jar, XSRF token echoed)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/login", timeout=60).read()
    xsrf = next(c.value for c in jar if c.name == "_xsrf")
    form = urllib.parse.urlencode({"token": token, "_xsrf": xsrf}).encode()
    opener.open(f"{base}/login", data=form, timeout=60).read()
    assert any(c.name.startswith("username") for c in jar)
    return opener


def test_orderlens_lab_serves_jupyterlab_the_notebooks_and_the_api(
    demo_db: Path, tmp_path: Path
) -> None:
    from lab.server.users import Role, UserStore
    from tests.server_starts import started

    ali = UserStore(tmp_path / "config" / "orderlens_users.json").add("ali", Role.ANALYST)
    server = started(
        "lab",
        # no picture looked at here: no chart renderer to start
        ["--db", str(demo_db), "--notebooks-dir", str(REPO / "notebooks"), NO_CHARTS],
        tmp_path,
        ready_path="/api/status",
    )
    base, port, token = server.base, server.port, server.token
    try:
        status, page = _get(f"{base}/lab?token={token}")
        assert status == 200 and b"JupyterLab" in page
        status, body = _get(f"{base}/api/contents?token={token}")
        names = {item["name"] for item in json.loads(body)["content"]}
        assert "getting_started.ipynb" in names  # rooted at the notebooks folder
        status, body = _get(f"{base}/orderlens/api/history?token={token}")
        assert status == 200 and "history" in json.loads(body)
        assert _get(f"{base}/orderlens/api/history")[0] == 403
        printed = server.log.read_text()
        assert f"http://127.0.0.1:{port}/lab?token={token}" in printed  # URL with its token
        # a named analyst's /lab page does not hand out the server token (red team s18:
        # JupyterLab wrote it into every page's config, and sent it instead of the cookie)
        opener = _signed_in(base, ali)
        with opener.open(f"{base}/lab", timeout=60) as r:
            lab_page = r.read()
        assert b"JupyterLab" in lab_page and token.encode() not in lab_page
        with opener.open(f"{base}/api/contents", timeout=60) as r:
            assert r.status == 200  # JupyterLab's API by cookie
    finally:
        server.stop()
