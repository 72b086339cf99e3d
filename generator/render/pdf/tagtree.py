"""Write the structure tree a tagged PDF needs, from the nodes its pages were marked with.

``TaggingCanvas`` gives each page a ``MarkedCode`` list, its ``/StructParents`` and
``/Tabs /S``, gives each link annotation ``/Contents`` and a ``Link`` element, and on
saving writes ``/StructTreeRoot`` (elements, ``/ParentTree``), ``/MarkInfo``, XMP metadata
naming PDF/UA-1, and PDF version 1.7 into the catalog (ISO 32000-1, 14.7 and 14.8).
"""

from __future__ import annotations

import html
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFPage,
    PDFStream,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from generator.render.pdf.tagging import (
    AnnotRef,
    MarkedCode,
    MarkRef,
    StructNode,
    annotation_owner,
    replacement_text,
)
from generator.render.pdf.words import BrokenWord

PAGE_KEYS = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]
"""The page dictionary's keys, with the two a tagged page adds."""


class SpacedLines(PDFTextObject):  # type: ignore[misc]
    """A text object that ends each line of a paragraph with a space.

    ReportLab writes none where it wraps a line, so tools that read the tagged text as it
    is (poppler, some screen readers) would join the last word of one line to the first
    of the next ("poststo"). The space is invisible at the end of a left-aligned line.

    It also notes where a link's words begin and end (ReportLab's paragraph calls
    ``_linkRecord``), so they are written as the ``Link`` element's own content.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cuts: list[tuple[int, StructNode | None]] = []
        """Where a link's words begin (its ``Link``) or end (None), by index in ``_code``."""
        self.links: dict[Any, StructNode] = {}
        self.waiting: list[StructNode] = []
        """Links whose words are drawn, in order, each waiting for its line's annotation."""
        self.line = 0
        """The line of the paragraph being drawn, from 0."""
        self.drawn = ""
        """The text drawn so far on that line."""
        self.word: BrokenWord | None = None
        """The word broken over lines whose replacement text is open."""
        self.held: Any = None
        """A link whose end at a line's end was skipped: its words go on inside ``word``."""

    def _textOut(self, text: str, TStar: int = 0) -> None:
        marks = self._canvas._code
        start = len(self._code)
        if self.word is not None and self.line == self.word.line + self.word.lines and text:
            # The line that finishes a word broken over lines: its replacement text ends here.
            tail = self.word.tail if text.startswith(self.word.tail) else ""
            super()._textOut(tail, 0)
            self._code.append("EMC")
            text = text[len(tail) :]
            self.word = None
        opening = self._opening(text)
        if opening is not None:
            prefix = text[: len(text) - len(opening.head)]
            if prefix:
                super()._textOut(prefix, 0)
            self._code.append(replacement_text(opening.whole))
            text = opening.head
            self.word = opening
        # A line that ends inside a word (or an address set apart) gets no space at its end.
        spaced = (
            TStar
            and not text.endswith(" ")
            and not getattr(marks, "unbroken", 0)
            and self.word is None
        )
        super()._textOut(f"{text} " if spaced else text, TStar)
        # One call, one entry: a link's words are found by entry (``_linkRecord``).
        self._code[start:] = [" ".join(part for part in self._code[start:] if part)]
        if TStar:
            self.line += 1
            self.drawn = ""
        else:
            self.drawn += text

    def _opening(self, text: str) -> BrokenWord | None:
        """The word broken over lines whose head this text draws at the end of its line."""
        if self.word is not None or not text:
            return None
        broken: list[BrokenWord] = getattr(self._canvas._code, "broken", [])
        drawn = " ".join((self.drawn + text).split())
        for word in broken:
            if word.line == self.line and drawn == word.text and text.endswith(word.head):
                return word
        return None

    def _linkRecord(self, link: Any, what: str) -> None:
        """Called by ReportLab's paragraph as a link's words start (just drawn) or end."""
        owner = annotation_owner(self._canvas)
        marks = self._canvas._code
        if owner is None or owner.role == "Link" or marks.suppressed:
            return
        if self.word is not None and what == "end":
            # The link goes on over the line end inside a word read as one: one run of words.
            self.held = link
            return
        if what == "start" and self.held is link:
            # Its annotation on this line belongs to the same Link.
            self.held = None
            self.waiting.append(self.links[link])
            return
        if what == "start":
            node = self.links.setdefault(link, StructNode("Link", parent=owner, href=link[1]))
            self.cuts.append((len(self._code) - 1, node))
            self.waiting.append(node)
        else:
            self.cuts.append((len(self._code), None))

    def link_for(self, href: str) -> StructNode | None:
        """The ``Link`` an annotation for ``href`` made now belongs to, if its words are here."""
        for index, node in enumerate(self.waiting):
            if node.href == href:
                return self.waiting.pop(index)
        return None


class TaggingCanvas(Canvas):  # type: ignore[misc]
    """A canvas that writes a tagged PDF: give it the ``Document`` node the story made."""

    _text: SpacedLines | None = None
    """The text object being written now, whose links' annotations are still to come."""

    def __init__(self, *args: Any, structure: StructNode | None = None, **kwargs: Any) -> None:
        self._structure = structure
        self._lang = str(kwargs.get("lang") or "en")
        super().__init__(*args, **kwargs)
        if structure is not None:
            self._doc._pdfVersion = max(self._doc._pdfVersion, (1, 7))

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> PDFTextObject:
        if self._structure is None:
            return super().beginText(x, y, direction)
        self._text = SpacedLines(self, x, y, direction=direction)
        return self._text

    def drawText(self, aTextObject: PDFTextObject) -> None:
        self._text = None
        cuts = getattr(aTextObject, "cuts", None)
        if not cuts or not isinstance(self._code, MarkedCode):
            super().drawText(aTextObject)
            return
        aTextObject.getCode()  # ends the text object's code with ET
        self._code.linked_text(aTextObject._code, cuts)

    def _restartAccumulators(self) -> None:
        super()._restartAccumulators()
        if getattr(self, "_structure", None) is not None and not self._codeStack:
            self._code = MarkedCode(self._pageNumber - 1)

    def showPage(self) -> None:
        if isinstance(self._code, MarkedCode):
            self._code.finish()
        super().showPage()

    def _setAnnotations(self, page: PDFPage) -> None:
        super()._setAnnotations(page)
        if isinstance(self._code, MarkedCode):
            page.__NoDefault__ = PAGE_KEYS
            page.StructParents = self._code.page
            if self._annotationrefs:
                # Tab through links in the order of the structure tree.
                page.Tabs = PDFName("S")

    def _addAnnotation(self, annotation: Any, name: str | None = None, addtopage: int = 1) -> None:
        super()._addAnnotation(annotation, name, addtopage)
        if not isinstance(self._code, MarkedCode) or not isinstance(annotation, PDFDictionary):
            return
        action = annotation.dict.get("A")
        uri = action.dict.get("URI") if isinstance(action, PDFDictionary) else None
        href = str(uri.s) if isinstance(uri, PDFString) else ""
        link = self._text.link_for(href) if self._text is not None else None
        if link is None:
            owner = annotation_owner(self) or self._structure
            assert owner is not None
            link = owner.link_for(href)
        annotation["Contents"] = PDFString(describe_link(href, language_of(link, self._lang)))
        link.kids.append(AnnotRef(self._code.page, annotation, self._annotationrefs[-1]))

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        if self._structure is not None:
            write_structure(self, self._structure, self._lang)
        super().save()


def language_of(node: StructNode, default: str) -> str:
    """The language an element is read in: its own ``/Lang``, else its nearest ancestor's."""
    current: StructNode | None = node
    while current is not None:
        if current.lang:
            return current.lang
        current = current.parent
    return default


def describe_link(href: str, lang: str) -> str:
    """What a link annotation's ``/Contents`` says, in ``lang``: "Link to example.org"."""
    from urllib.parse import unquote

    from generator.i18n import translations_for
    from generator.parse.links import display_host

    _ = translations_for(lang).gettext
    if href.lower().startswith("mailto:"):
        address = unquote(href[len("mailto:") :].split("?", 1)[0])
        return _("Email to %(address)s") % {"address": address}
    return _("Link to %(site)s") % {"site": display_host(href) or href}


def _page(index: int) -> PDFObjectReference:
    # ReportLab names page objects "Page1", "Page2"… in the order they are added.
    return PDFObjectReference(f"Page{index + 1}")


def write_structure(canvas: TaggingCanvas, root: StructNode, lang: str) -> None:
    """Put the structure tree, ``/MarkInfo`` and XMP metadata into the canvas's document."""
    doc = canvas._doc
    pages = len(doc.Pages.pages)
    elements: dict[int, tuple[PDFDictionary, PDFObjectReference]] = {}
    parents: dict[int, dict[int, PDFObjectReference]] = {page: {} for page in range(pages)}
    annotations: list[tuple[AnnotRef, PDFObjectReference]] = []
    tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    tree_ref = doc.Reference(tree_root)

    def register(node: StructNode) -> None:
        element = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(node.role)})
        elements[id(node)] = (element, doc.Reference(element))
        for kid in node.kids:
            if isinstance(kid, StructNode) and kid.has_content():
                register(kid)

    def fill(node: StructNode, parent: PDFObjectReference) -> None:
        element, reference = elements[id(node)]
        element["P"] = parent
        marks = [kid.page for kid in node.kids if not isinstance(kid, StructNode)]
        home = marks[0] if marks else None
        if home is not None:
            element["Pg"] = _page(home)
        kids: list[Any] = []
        for kid in node.kids:
            if isinstance(kid, StructNode):
                if kid.has_content():
                    fill(kid, reference)
                    kids.append(elements[id(kid)][1])
            elif isinstance(kid, MarkRef):
                parents[kid.page][kid.mcid] = reference
                if kid.page == home:
                    kids.append(kid.mcid)
                else:
                    kids.append(
                        PDFDictionary(
                            {"Type": PDFName("MCR"), "Pg": _page(kid.page), "MCID": kid.mcid}
                        )
                    )
            else:
                annotations.append((kid, reference))
                kids.append(
                    PDFDictionary(
                        {"Type": PDFName("OBJR"), "Obj": kid.reference, "Pg": _page(kid.page)}
                    )
                )
        element["K"] = kids[0] if len(kids) == 1 else PDFArray(kids)
        if node.alt is not None:
            element["Alt"] = PDFString(node.alt)
        if node.lang is not None:
            element["Lang"] = PDFString(node.lang)
        if node.actual is not None:
            element["ActualText"] = PDFString(node.actual)
        owned = [_attributes(owner, values) for owner, values in sorted(node.attributes.items())]
        if owned:
            element["A"] = owned[0] if len(owned) == 1 else PDFArray(owned)

    register(root)
    fill(root, tree_ref)
    numbers: list[Any] = []
    for page in range(pages):
        marked = parents[page]
        numbers += [page, PDFArray([marked[mcid] for mcid in sorted(marked)])]
    for offset, (annotation, owner) in enumerate(annotations):
        annotation.annotation["StructParent"] = pages + offset
        numbers += [pages + offset, owner]
    tree_root["K"] = elements[id(root)][1]
    tree_root["ParentTree"] = PDFDictionary({"Nums": PDFArray(numbers)})
    tree_root["ParentTreeNextKey"] = pages + len(annotations)
    catalog = doc.Catalog
    catalog.StructTreeRoot = tree_root
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    info = doc.info
    packet = xmp(
        str(info.title or ""),
        str(info.subject or ""),
        str(info.author or ""),
        lang,
        str(info.creator or ""),
    )
    catalog.Metadata = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        packet.encode("utf-8"),
        filters=[],
    )


def _attributes(owner: str, values: dict[str, Any]) -> PDFDictionary:
    """An attribute object of ``owner``: text values as names, sequences as number arrays."""
    written: dict[str, Any] = {"O": PDFName(owner)}
    for key, value in sorted(values.items()):
        written[key] = (
            PDFName(value) if isinstance(value, str) else PDFArray([round(v, 2) for v in value])
        )
    return PDFDictionary(written)


def xmp(title: str, subject: str, author: str, lang: str, creator: str) -> str:
    """An XMP packet with the title, description, language and the PDF/UA-1 claim."""

    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{html.escape(text)}</rdf:li></rdf:Alt>'

    creators = (
        f"<dc:creator><rdf:Seq><rdf:li>{html.escape(author)}</rdf:li></rdf:Seq></dc:creator>"
        if author
        else ""
    )
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""\n'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f"<dc:title>{alt(title)}</dc:title>\n"
        f"<dc:description>{alt(subject)}</dc:description>\n"
        f"{creators}"
        f"<dc:language><rdf:Bag><rdf:li>{html.escape(lang)}</rdf:li></rdf:Bag></dc:language>\n"
        f"<xmp:CreatorTool>{html.escape(creator)}</xmp:CreatorTool>\n"
        "<pdfuaid:part>1</pdfuaid:part>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
