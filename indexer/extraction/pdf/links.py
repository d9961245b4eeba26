"""A PDF's web links, written back into the text as the Markdown links the HTML reader writes.

In a PDF a link is an annotation: a rectangle on the page and its address, apart from the
text drawn under it. The text under a link becomes « [label](address) », so that the
extractor sees « ► [Rapport](…) ► [Synthèse](…) » as the navigation line it is, from a PDF as
from an HTML e-mail, and not as an item.

>>> render_links("► Rapport ► Synthèse", [(2, 9, "https://a.fr/r"), (12, 20, "https://a.fr/s")])
'► [Rapport](https://a.fr/r) ► [Synthèse](https://a.fr/s)'
"""

from __future__ import annotations

from dataclasses import dataclass

from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1

Span = tuple[int, int, str]  # start, end (in a line's text) and the address of a link


@dataclass(frozen=True)
class Link:
    """A web link's rectangle on its page and its address."""

    x0: float
    y0: float
    x1: float
    y1: float
    address: str

    def covers(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


def page_links(page: PDFPage) -> list[Link]:
    """Return the web links of a page; a malformed annotation is passed by, never fatal."""
    links = []
    annotations = resolve1(page.annots) if page.annots else None
    for annotation in annotations if isinstance(annotations, list) else []:
        try:
            link = _web_link(resolve1(annotation))
        except Exception:  # an annotation is a nicety: a damaged one is no link
            link = None
        if link is not None:
            links.append(link)
    return links


def _web_link(annotation: object) -> Link | None:
    """Read a /Link annotation whose action opens a URI."""
    if not isinstance(annotation, dict):
        return None
    if getattr(resolve1(annotation.get("Subtype")), "name", None) != "Link":
        return None
    action = resolve1(annotation.get("A"))
    if not isinstance(action, dict):
        return None
    address = resolve1(action.get("URI"))
    if isinstance(address, bytes):
        address = address.decode("utf-8", errors="replace")
    rect = [float(resolve1(value)) for value in resolve1(annotation.get("Rect")) or []]
    if not isinstance(address, str) or not address.strip() or len(rect) != 4:
        return None
    x0, x1 = sorted(rect[0::2])
    y0, y1 = sorted(rect[1::2])
    # Markdown ends a link's address at a space or a parenthesis.
    address = address.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return Link(x0, y0, x1, y1, address)


def link_at(links: list[Link], x: float, y: float) -> str | None:
    """Return the address of the link over this point of the page, if any."""
    for link in links:
        if link.covers(x, y):
            return link.address
    return None


def spans_of(addresses: list[str | None]) -> list[Span]:
    """Turn each character's link address into spans of one link each."""
    spans: list[Span] = []
    start = 0
    for index in range(1, len(addresses) + 1):
        if index == len(addresses) or addresses[index] != addresses[start]:
            if addresses[start] is not None:
                spans.append((start, index, addresses[start]))
            start = index
    return spans


def render_links(text: str, spans: list[Span]) -> str:
    """Write the spans as Markdown links; a link cut by a line's end is one link again."""
    merged: list[Span] = []
    for start, end, address in sorted(spans):
        if merged and merged[-1][2] == address and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end, address)
        else:
            merged.append((start, end, address))
    for start, end, address in reversed(merged):
        label = text[start:end].strip()
        if label:
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            start += lead
            end = start + len(label)
            text = f"{text[:start]}[{label}]({address}){text[end:]}"
    return text
