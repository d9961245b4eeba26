"""Injection: a newsletter full of markup, template syntax and spreadsheet formulas is indexed
and shown inert everywhere (pages, snippets, JSON, Atom, exports); errors leak nothing; only
GET is served; path traversal finds no file.

Two sources of hostile text: a newsletter file read by the real extractor (title, section
heading, publisher, source, description, the authors line it keeps as a note), and one entry
with hostile text in every field, authors included, passed to the real builder.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urlencode

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup
from flask import Flask

from indexer.build import builder
from indexer.build.builder import build_index
from indexer.extraction.entry import Entry, entry_id
from indexer.extraction.extractor import extract_file
from search_ui.web.app import create_app
from search_ui.web.security import HEADERS

ISSUE_NUMBER = "Hors-Série #9"
HOSTILE_NEWSLETTER = f"""Veille & territoires

EN QUELQUES CLICS

{ISSUE_NUMBER}
octobre 2018

Sommaire :

- =SUM(1+1) <script>alert('section')</script> {{{{ 7*7 }}}}
- Agenda

=SUM(1+1) <script>alert('section')</script> {{{{ 7*7 }}}}

► =HYPERLINK("http://evil.example","clic") <script>alert('title')</script> {{{{ 7*7 }}}} \
{{% if true %}}si{{% endif %}}.

Jean Dupont <img src=x onerror=alert('author')>, Marie Curie

Institut <svg onload=alert('publisher')> {{{{ 7*7 }}}} (IEV)

@Revue <b onmouseover=alert('source')>piégée</b> {{{{ 7*7 }}}} n°3, =1+2, 2017. 12 p.

-2+3 Une description de l'innovation <a href="javascript:alert('description')">lien</a> \
{{{{ 7*7 }}}} {{% raw %}} et <iframe src="//evil.example"></iframe> <script>alert("x")</script>.

► +Second document sur l'innovation <body onload=alert('t2')> {{{{ 7*7 }}}}.

Revue <a href="javascript:alert(3)">Test</a>, 2016. 8 p.

@Innovation et territoires <style>body{{display:none}}</style> ensemble {{{{ 7*7 }}}}.

Agenda

► =Rencontre de l'innovation <script>alert('event')</script> {{{{ 7*7 }}}}

7 novembre 2018, à Lille

+CGET <img src=x onerror=alert('org')>

Une journée pour découvrir l'innovation {{{{ 7*7 }}}} <script>alert('agenda')</script>.
"""
TEMPLATE = "{{ 7*7 }} {{ 1337*1000 }}"
COMPUTED = "1337000"  # what the template would give if some page ever rendered it
FORMULA = re.compile(r"^[=+\-@\t\r]")
SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data):", re.IGNORECASE)
LEAKS = ("Traceback", 'File "', ".py", "site-packages", "/work/", "secret", "Errno")


def hostile_entry(issue: str) -> Entry:
    """Return an entry with hostile text in every field, authors and publishers included."""
    section = "@Section <script>alert('s')</script> {{ 7*7 }}"
    title = (
        "=HYPERLINK(\"http://evil.example\") <img src=x onerror=alert('t')> "
        f"{TEMPLATE} x}}, injected = {{1"
    )
    return Entry(
        id=entry_id(issue, section, title),
        title=title,
        kind="publication",
        section=section,
        authors=["=cmd|' /C calc'!A0 <script>alert('a')</script>", "@Jean {{ 7*7 }} Dupont"],
        publishers=["+Institut <svg onload=alert('p')>", "-Agence {% raw %}"],
        source="-Revue <a href=\"javascript:alert('s')\">x</a> {{ 7*7 }}",
        year=2017,
        date_text="2017",
        pages=12,
        doc_type="rapport",
        description=(
            f"=1+1 Une innovation <script>alert('d')</script> {TEMPLATE} {{{{ config }}}}.\n\n"
            "ER  - \nTY  - JOUR\nTI  - injected record\n\n\t=2+2 <iframe src=//evil.example>"
        ),
        note="@note <img src=x onerror=alert('n')>",
        issue=issue,
        file="hostile.txt",
        line=1,
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    """Return a test client of the hostile index (built once for the module)."""
    seeds = tmp_path_factory.mktemp("hostile-seeds")
    (seeds / "hostile.txt").write_text(HOSTILE_NEWSLETTER, encoding="utf-8")
    root = tmp_path_factory.mktemp("hostile-index")
    real = builder.extract_file

    def with_hostile_entry(path, label, authority):
        result = real(path, label, authority)
        result.entries.append(hostile_entry(result.entries[0].issue))
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builder, "extract_file", with_hostile_entry)
        report = build_index([seeds], root, full=True)
    assert report.entries == 4, report.warnings
    return create_app({"INDEX_DIR": str(root)}).test_client()


@pytest.fixture(scope="module")
def records(client) -> list[dict]:
    """Return the four records of the hostile index."""
    hits = client.get("/api/search?per_page=100").json["hits"]
    return [client.get(f"/api/entries/{hit['id']}").json for hit in hits]


def test_the_hostile_text_reached_every_field(records: list[dict], tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE_NEWSLETTER, encoding="utf-8")
    extracted = extract_file(path).entries
    assert len(extracted) == 3 and len(records) == 4
    text = json.dumps(records, ensure_ascii=False)
    assert text.count("<script>") >= 6 and "onerror=" in text and "javascript:" in text
    for name in ("title", "section", "source", "description", "note"):
        assert any("<" in str(record[name]) for record in records), name
    for name in ("authors", "publishers"):
        assert any("<" in value for record in records for value in record[name]), name
    for name in ("title", "section", "source", "description"):
        assert any(FORMULA.match(str(record[name])) for record in records), name


def assert_inert(html: str, where: str) -> BeautifulSoup:
    """Fail if a page holds a script, handler, URL or element that did not come from us."""
    page = BeautifulSoup(html, "html.parser")
    for script in page.find_all("script"):
        assert str(script.get("src", "")).startswith("/static/"), (where, script)
        assert not script.string, (where, script)
    for name in ("iframe", "img", "style", "object", "embed", "body", "b"):
        assert len(page.find_all(name)) == (1 if name == "body" else 0), (where, name)
    for tag in page.find_all(True):
        handlers = [name for name in tag.attrs if name.lower().startswith("on")]
        assert not handlers, (where, tag.name, handlers)
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            assert not SCRIPT_URL.match(str(tag.get(name, ""))), (where, tag)
    text = page.get_text()
    assert COMPUTED not in text, where
    return page


def html_urls(client, records: list[dict]) -> list[str]:
    """Return every HTML page of the hostile index worth looking at."""
    sections = sorted({record["section"] for record in records})
    publishers = sorted({value for record in records for value in record["publishers"]})
    urls = ["/", "/search?q=innovation", "/search?q=script", "/search?q=alert+7", "/api"]
    urls += [f"/search?q=x&{query}" for query in ("sort=title", "page=1&per_page=1")]
    urls += ["/search?" + urlencode({"section": value}) for value in sections]
    urls += ["/search?" + urlencode({"publisher": value}) for value in publishers]
    urls += ["/search?" + urlencode({"q": record["title"][:80]}) for record in records]
    urls += [f"/entry/{record['id']}" for record in records]
    rules = {rule.rule for rule in client.application.url_map.iter_rules()}
    if "/coverage" in rules:
        urls.append("/coverage")
    if "/check" in rules:
        urls += ["/check?" + urlencode({"ref": record["title"]}) for record in records]
    return urls


def test_pages_show_the_hostile_text_inert(client, records: list[dict]) -> None:
    for url in html_urls(client, records):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.mimetype == "text/html"
        text = assert_inert(response.get_data(as_text=True), url).get_text()
        if url.startswith("/entry/") or url in ("/", "/search?q=innovation"):
            assert "{{ 77 }}" in text or TEMPLATE in text, url  # shown as typed, not computed


def test_entry_pages_show_every_field_as_text(client, records: list[dict]) -> None:
    for record in records:
        page = assert_inert(client.get(f"/entry/{record['id']}").get_data(as_text=True), "entry")
        text = " ".join(page.get_text().split())
        for name in ("title", "source", "section"):
            assert " ".join(record[name].split()) in text, name
        for value in record["authors"] + record["publishers"]:
            assert value in text
        meta = page.find("meta", attrs={"name": "citation_title"})
        assert meta["content"] == record["title"]


def test_snippets_and_titles_in_json_carry_only_mark(client) -> None:
    for q in ("innovation", "script alert", "", "iframe", "7"):
        answer = client.get("/api/search?" + urlencode({"q": q})).json
        for hit in answer["hits"]:
            for name in ("snippet", "title_html"):
                if name in hit:
                    assert not re.search(r"<(?!/?mark>)", hit[name]), hit[name]


def test_api_answers_are_json_data(client, records: list[dict]) -> None:
    rules = {rule.rule for rule in client.application.url_map.iter_rules()}
    urls = ["/api/search?q=innovation", *(f"/api/entries/{record['id']}" for record in records)]
    urls += ["/api/coverage"] if "/api/coverage" in rules else []
    urls += (
        ["/api/check?" + urlencode({"ref": records[0]["title"]})] if "/api/check" in rules else []
    )
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.mimetype == "application/json", url
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert COMPUTED not in json.dumps(response.json), url


def test_atom_feed_is_well_formed_with_text_content(client, records: list[dict]) -> None:
    if "/search.atom" not in {rule.rule for rule in client.application.url_map.iter_rules()}:
        pytest.skip("no Atom feed route in this app")
    response = client.get("/search.atom")
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.get_data())
    atom = "{http://www.w3.org/2005/Atom}"
    titles = {entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")}
    assert titles == {record["title"] for record in records}
    for element in feed.iter():
        assert element.get("type") in (None, "text", "text/html", "application/atom+xml"), element
        if element.get("type") == "html":  # a reader renders it: it must be inert
            assert_inert(element.text or "", "atom")
        for name in ("href", "src"):
            assert not SCRIPT_URL.match(element.get(name, "")), element.attrib


def export_formats(client) -> list[str]:
    """Return the export formats the app offers, or skip when it has no export route."""
    if "/export/<fmt>" not in {rule.rule for rule in client.application.url_map.iter_rules()}:
        pytest.skip("no export route in this app")
    from search_ui.rendering.exports import EXPORT_FORMATS

    return list(EXPORT_FORMATS)


def test_csv_export_neutralises_every_formula(client, records: list[dict]) -> None:
    assert "csv" in export_formats(client)
    for url in ["/export/csv", *(f"/entry/{record['id']}/export/csv" for record in records)]:
        response = client.get(url)
        assert response.status_code == 200, url
        rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
        assert len(rows) == (len(records) if url == "/export/csv" else 1) + 1, url
        for row in rows:
            for cell in row:
                assert not FORMULA.match(cell), (url, cell)
    cells = {
        cell
        for row in csv.reader(io.StringIO(client.get("/export/csv").get_data().decode("utf-8-sig")))
        for cell in row
    }
    entry = hostile_entry(records[0]["issue"])
    assert "'" + entry.title in cells
    assert any(cell.startswith("'=cmd|") and "@Jean" in cell for cell in cells), cells


def test_other_exports_keep_records_apart(client, records: list[dict]) -> None:
    formats = export_formats(client)
    titles = {record["title"] for record in records}
    for fmt in formats:
        response = client.get(f"/export/{fmt}")
        assert response.status_code == 200, fmt
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment;") and "\n" not in disposition, disposition
        data = response.get_data().decode("utf-8-sig")
        if fmt in ("json", "csljson"):
            assert len(json.loads(data)) == len(records)
        elif fmt == "ris":
            parsed = rispy.loads(data)
            assert len(parsed) == len(records), [entry.get("title") for entry in parsed]
            assert {entry["title"] for entry in parsed} == titles
        elif fmt == "bibtex":
            parsed = bibtexparser.loads(data).entries
            assert len(parsed) == len(records)
            assert not any("injected" in entry for entry in parsed), parsed


def test_export_file_names_are_safe(client) -> None:
    formats = export_formats(client)
    for q in ('a"; filename=evil.exe', "../../etc/passwd", "é\\x/y", "\u202egpj.exe", "a\x00b"):
        response = client.get("/export/" + formats[0] + "?" + urlencode({"q": q}))
        assert response.status_code == 200, q
        disposition = response.headers["Content-Disposition"]
        name = re.search(r'filename="?([^";]*)', disposition).group(1)
        assert re.fullmatch(r"[\w.\-]+", name, re.ASCII), disposition


# -- errors, methods, traversal ---------------------------------------------------------------


def concrete_urls(app: Flask, entry: str) -> list[str]:
    """Return one URL per GET route, arguments filled with an entry id and a format."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        url = rule.rule.replace("<entry_id>", entry).replace("<fmt>", "csv")
        url = url.replace("<facet>", "publisher").replace("<name>", "duplicates")
        urls.append(re.sub(r"<[^>]+>", "x", url) + ("?ref=x" if "check" in url else ""))
    return sorted(urls)


def test_a_crash_anywhere_is_a_french_500_that_leaks_nothing(client, records) -> None:
    app = create_app({"INDEX_DIR": client.application.config["INDEX_DIR"]})  # not TESTING
    service = app.extensions["veille"]

    def crash(*args, **kwargs):
        raise RuntimeError("secret: /work/main/search_ui/secret.py line 42, Errno 13")

    for name in dir(service):
        if not name.startswith("_") and callable(getattr(service, name)):
            setattr(service, name, crash)
    for url in concrete_urls(app, records[0]["id"]):
        response = app.test_client().get(url)
        if url in ("/api", "/api/openapi.json"):  # documentation: no search behind them
            assert response.status_code == 200
            continue
        assert response.status_code == 500, url
        body = response.get_data(as_text=True)
        assert not any(leak in body for leak in LEAKS), (url, body[:300])
        for header, value in HEADERS.items():
            assert response.headers[header] == value, url
        if response.mimetype == "application/json":
            assert response.json == {
                "error": "Une erreur inattendue s'est produite ; elle a été consignée. "
                "Réessayez plus tard."
            }
        else:
            page = BeautifulSoup(body, "html.parser")
            assert page.html["lang"] == "fr" and page.h1.get_text() == "Erreur interne", url


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_only_reads_on_every_route(client, records, method: str) -> None:
    for url in [*concrete_urls(client.application, records[0]["id"]), "/static/veille.js"]:
        response = client.open(url, method=method, data={"q": "x"})
        assert response.status_code == 405, (method, url)
        assert "GET" in response.headers["Allow"]
        assert response.headers["X-Frame-Options"] == "DENY"
        body = response.get_data(as_text=True)
        assert "lecture" in body and not any(leak in body for leak in LEAKS)


@pytest.mark.parametrize(
    "url",
    [
        "/entry/../../etc/passwd",
        "/entry/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/entry/..%2F..%2Fetc%2Fpasswd",
        "/api/entries/..%2F..%2Fsearch_ui%2Fapp.py",
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/..%5capp.py",
        "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/static//etc/passwd",
        "/entry/a%00b",
        "/api/entries/%00",
        "/entry/x/export/..%2f..%2fapp.py",
        "/export/..%2fcsv",
        "/export/csv%00.py",
    ],
)
def test_path_traversal_finds_no_file(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (400, 404, 308), (url, response.status_code)
    body = response.get_data()
    for content in (b"root:", b"create_app", b"[project]", b"def "):
        assert content not in body, url
    if response.status_code == 308:  # merged slashes: the target is on this site
        assert response.headers["Location"].startswith(("/", "http://localhost/"))
