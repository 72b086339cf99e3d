"""Join the structure trees of tagged PDFs whose pages were appended into one file.

pypdf copies pages (with their marked content and link annotations) but not the catalog's
``/StructTreeRoot``. This rebuilds one tree: a ``Document`` holding each joined file's own
``Document`` as a ``Part``, in order, with page and annotation references moved to the
copies and the parent tree renumbered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


@dataclass(frozen=True)
class Joined:
    """One tagged file appended to the writer, and where its pages went."""

    reader: PdfReader
    first: int
    """The index in the writer of its first page."""


class _Copier:
    """Copies structure elements of one file into the writer, mapping what they point at."""

    def __init__(self, writer: PdfWriter, joined: Joined) -> None:
        self.writer = writer
        self.objects: dict[int, IndirectObject] = {}
        """Source object number → the writer's copy (pages, annotations, elements)."""
        for index, page in enumerate(joined.reader.pages):
            copy = writer.pages[joined.first + index]
            assert page.indirect_reference is not None and copy.indirect_reference is not None
            self.objects[page.indirect_reference.idnum] = copy.indirect_reference
            source_annots = page.get("/Annots", ArrayObject())
            copied_annots = copy.get("/Annots", ArrayObject())
            for source, copied in zip(source_annots, copied_annots, strict=True):
                self.objects[source.idnum] = copied

    def mapped(self, reference: Any) -> IndirectObject:
        return self.objects[reference.idnum]

    def element(self, source: Any, parent: IndirectObject) -> IndirectObject:
        """A copy of the structure element ``source`` (an indirect reference) under ``parent``."""
        element = DictionaryObject()
        reference = self.writer._add_object(element)
        self.objects[source.idnum] = reference
        original = source.get_object()
        for key in ("/Type", "/S", "/Alt", "/Lang", "/A", "/ActualText"):
            if key in original:
                element[NameObject(key)] = original[key].clone(self.writer)
        element[NameObject("/P")] = parent
        if "/Pg" in original:
            element[NameObject("/Pg")] = self.mapped(original.raw_get("/Pg"))
        kids = original.raw_get("/K")
        many = isinstance(kids.get_object(), ArrayObject)
        copied = [self.kid(kid, reference) for kid in (kids.get_object() if many else [kids])]
        element[NameObject("/K")] = ArrayObject(copied) if many else copied[0]
        return reference

    def kid(self, kid: Any, parent: IndirectObject) -> Any:
        if isinstance(kid, IndirectObject):
            return self.element(kid, parent)
        if isinstance(kid, DictionaryObject):
            copy = DictionaryObject({NameObject("/Type"): kid["/Type"]})
            if "/Pg" in kid:
                copy[NameObject("/Pg")] = self.mapped(kid.raw_get("/Pg"))
            if "/MCID" in kid:
                copy[NameObject("/MCID")] = NumberObject(kid["/MCID"])
            if "/Obj" in kid:
                copy[NameObject("/Obj")] = self.mapped(kid.raw_get("/Obj"))
            return copy
        return NumberObject(kid)


def _is_empty(tree: Any) -> bool:
    """True when a file's structure tree holds nothing: a ``Document`` with no kids."""
    document = tree.get("/K")
    kids = document.get_object().get("/K") if document is not None else None
    return kids is None or (isinstance(kids.get_object(), ArrayObject) and not kids.get_object())


def join_structure(writer: PdfWriter, files: list[Joined], lang: str) -> None:
    """Give ``writer`` one structure tree made of every tagged file's, in order."""
    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = writer._add_object(root)
    document = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/StructElem"),
            NameObject("/S"): NameObject("/Document"),
            NameObject("/P"): root_ref,
        }
    )
    document_ref = writer._add_object(document)
    parts = ArrayObject()
    numbers = ArrayObject()
    key = 0
    for joined in files:
        source_root = joined.reader.root_object.get("/StructTreeRoot")
        if source_root is None:
            continue
        tree: Any = source_root.get_object()
        if _is_empty(tree):
            # Nothing on its pages is read out (a notes page): no part, no page in the tree.
            for index in range(len(joined.reader.pages)):
                writer.pages[joined.first + index].pop(NameObject("/StructParents"), None)
            continue
        copier = _Copier(writer, joined)
        part = copier.element(tree.raw_get("/K"), document_ref)
        part_object: Any = part.get_object()
        part_object[NameObject("/S")] = NameObject("/Part")
        source_lang = str(joined.reader.root_object.get("/Lang", lang))
        if source_lang != lang:
            part_object[NameObject("/Lang")] = TextStringObject(source_lang)
        parts.append(part)
        old_numbers = tree["/ParentTree"]["/Nums"]
        renumbered: dict[int, int] = {}
        for old_key, value in zip(old_numbers[::2], old_numbers[1::2], strict=True):
            renumbered[int(old_key)] = key
            entry = value.get_object()
            if isinstance(entry, ArrayObject):
                numbers += [NumberObject(key), ArrayObject(copier.mapped(e) for e in entry)]
            else:
                numbers += [NumberObject(key), copier.mapped(value)]
            key += 1
        for index in range(len(joined.reader.pages)):
            page = writer.pages[joined.first + index]
            # pypdf leaves a copied page's /StructParents behind: without it a reader
            # (PDFium, so Chrome) cannot tell which element the page's content belongs to.
            original = joined.reader.pages[index]
            if "/StructParents" in original:
                old: Any = original["/StructParents"]
                page[NameObject("/StructParents")] = NumberObject(renumbered[int(old)])
            for annotation in page.get("/Annots", ArrayObject()):
                annotation = annotation.get_object()
                if "/StructParent" in annotation:
                    annotation[NameObject("/StructParent")] = NumberObject(
                        renumbered[int(annotation["/StructParent"])]
                    )
    document[NameObject("/K")] = parts
    root[NameObject("/K")] = document_ref
    root[NameObject("/ParentTree")] = DictionaryObject({NameObject("/Nums"): numbers})
    root[NameObject("/ParentTreeNextKey")] = NumberObject(key)
    catalog = writer.root_object
    catalog[NameObject("/StructTreeRoot")] = root_ref
    catalog[NameObject("/MarkInfo")] = DictionaryObject(
        {NameObject("/Marked"): BooleanObject(True)}
    )
    metadata = files[0].reader.root_object.get("/Metadata") if files else None
    if metadata is not None:
        catalog[NameObject("/Metadata")] = metadata.get_object().clone(writer).indirect_reference
    writer.pdf_header = "%PDF-1.7"
