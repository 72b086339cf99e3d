"""Every private part of ReportLab the handout relies on, named in this one module.

ReportLab has no public way to wrap drawn text in marked content, to hold pages back until
their footers can say "Page X of Y", to tag a list's labels, to let go of a picture's
pixels, to draw a glyph HarfBuzz shaped (which has no character of its own) or to map it
to its letters, so the modules named below override or read private methods and
attributes. A new
ReportLab may change any of them: ``pyproject.toml`` keeps ``reportlab`` below the next
major version, and ``tests/house/test_library_hooks_are_unchanged.py`` compares each method's
source with the digest recorded here and checks each attribute is still there, naming what
changed and which module relies on it.
"""

from __future__ import annotations

from generator.render.hooks import Attributes, Hook

REPORTLAB_HOOKS = (
    Hook(
        "reportlab.pdfgen.textobject:PDFTextObject._textOut",
        "e9fb074dc754db5a",
        "render/pdf/tagtree.py",
        "overridden to end each wrapped line with a space, so tagged text keeps its words",
    ),
    Hook(
        "reportlab.platypus.paragraph:_putFragLine",
        "1239a52aa7696552",
        "render/pdf/tagtree.py",
        "calls the text object's _linkRecord, which marks where a link's words begin and end",
    ),
    Hook(
        "reportlab.pdfgen.canvas:Canvas._restartAccumulators",
        "5e2e913d97915312",
        "render/pdf/tagtree.py",
        "overridden to give each page a MarkedCode list for its marked content",
    ),
    Hook(
        "reportlab.pdfgen.canvas:Canvas._setAnnotations",
        "880cf59ec6fe5629",
        "render/pdf/tagtree.py",
        "overridden to add /StructParents and /Tabs to each tagged page",
    ),
    Hook(
        "reportlab.pdfgen.canvas:Canvas._addAnnotation",
        "b8372b315199761e",
        "render/pdf/tagtree.py",
        "overridden to give each link annotation its /Contents and Link element",
    ),
    Hook(
        "reportlab.pdfgen.canvas:Canvas._startPage",
        "1b9b735f9841f397",
        "render/pdf/document.py",
        "called by the footer canvas, which holds each page back until the page count is known",
    ),
    Hook(
        "reportlab.pdfgen.canvas:Canvas.showPage",
        "a9d4d3b9b7563794",
        "render/pdf/document.py",
        "replaced by one that keeps the page's state (its __dict__) to draw the footer later",
    ),
    Hook(
        "reportlab.platypus.doctemplate:BaseDocTemplate._endBuild",
        "f4317f87458e072c",
        "render/pdf/document.py",
        "honours _doSave = 0: build stops short of saving, so the pages can be numbered",
    ),
    Hook(
        "reportlab.platypus.doctemplate:BaseDocTemplate.handle_flowable",
        "8b165b1329c03452",
        "render/pdf/document.py",
        "overridden to note the flowable laid out next (flowables[0]), which a layout stopped "
        "as endless names; raises LayoutError for one postponed twice (no page holds it)",
    ),
    Hook(
        "reportlab.platypus.frames:Frame._reset",
        "af3bd26207a35838",
        "render/pdf/document.py",
        "sets _y, _y2, _aH and _topPadding, which measure how full each page is",
    ),
    Hook(
        "reportlab.platypus.flowables:Flowable._doctemplateAttr",
        "a4a78dc2987b4bde",
        "render/pdf/forms.py, render/pdf/layout.py, render/pdf/flowables.py",
        "called to find the frame a flowable is being laid out in",
    ),
    Hook(
        "reportlab.platypus.flowables:ListFlowable._getContent",
        "1d9f16ef421383cf",
        "render/pdf/tagging.py, render/pdf/layout.py, render/pdf/fitting.py",
        "makes _content, each item's LIIndenter with its _bullet, which are tagged and split "
        "(and searched for the picture or card that does not fit)",
    ),
    Hook(
        "reportlab.platypus.flowables:LIIndenter.drawOn",
        "f1e8ee0350242c78",
        "render/pdf/tagging.py",
        "draws _bullet with drawOn(indenter, canvas, x, y, 0), which the tagged label wraps",
    ),
    Hook(
        "reportlab.platypus.paragraph:Paragraph.wrap",
        "d2529564153fe172",
        "render/pdf/tagging.py, render/pdf/layout.py, render/pdf/words.py",
        "sets blPara, the lines a tagged paragraph keeps to wrap once per width and the "
        "read-back of its broken words",
    ),
    Hook(
        "reportlab.platypus.paragraph:Paragraph.breakLines",
        "bc2f126627c91e90",
        "render/pdf/words.py, render/pdf/finish.py",
        "makes blPara (kind 0: (width, words) lines; kind 1: lines of frags with lineBreak) "
        "and calls _splitWord and _splitFragWord for a word too long for its line",
    ),
    Hook(
        "reportlab.platypus.paragraph:_splitWord",
        "92d1f6e242bb126c",
        "render/pdf/words.py",
        "replaced by one that cuts a word holding an address only where a reader cannot "
        "mistake the cut, and calls the original for any other word",
    ),
    Hook(
        "reportlab.platypus.paragraph:_splitFragWord",
        "62773dbd0b34038f",
        "render/pdf/words.py",
        "the same for a word made of several runs of text (a link's address and a full stop)",
    ),
    Hook(
        "reportlab.platypus.paragraph:_SplitWord",
        "7a2db4c8777ecaa0",
        "render/pdf/words.py",
        "made for each piece of a cut word but the last",
    ),
    Hook(
        "reportlab.platypus.paragraph:_SplitWordEnd",
        "4d908fead2b7cdae",
        "render/pdf/words.py",
        "made for the last piece of a cut word",
    ),
    Hook(
        "reportlab.platypus.paragraph:_SplitFrag",
        "b959b1cb4b281a38",
        "render/pdf/words.py",
        "made for each piece of a cut word of several runs but the last",
    ),
    Hook(
        "reportlab.platypus.paragraph:_SplitFragH",
        "1b9567aa5434c964",
        "render/pdf/words.py",
        "made for the last piece of a cut word of several runs",
    ),
    Hook(
        "reportlab.platypus.paragraph:_SplitFragHS",
        "977021a8307c5cde",
        "render/pdf/words.py",
        "made for the last piece of a cut word of several runs that a space follows",
    ),
    Hook(
        "reportlab.platypus.paragraph:_HSFrag",
        "1b0e750d2b1fbd98",
        "render/pdf/words.py",
        "a word of several runs that a space follows, told apart to read a paragraph's text",
    ),
    Hook(
        "reportlab.pdfbase.ttfonts:makeToUnicodeCMap",
        "71783731cbe452d8",
        "render/pdf/tounicode.py",
        "replaced by one that writes UTF-16BE targets, a shaped glyph's private code point "
        "mapped to the letters it stands for",
    ),
    Hook(
        "reportlab.pdfbase.ttfonts:TTFont.addObjects",
        "33ac8d69ad7fe232",
        "render/pdf/tounicode.py, render/pdf/shaping.py",
        "calls makeToUnicodeCMap by its module name for each subset (so the replacement is "
        "used) and takes each code's width from face.getCharWidth (charWidths)",
    ),
    Hook(
        "reportlab.pdfbase.ttfonts:TTFont.splitString",
        "95205a99dcbbf1ed",
        "render/pdf/shaping.py",
        "gives a subset code to any character face.charToGlyph maps: a shaped glyph's private "
        "code point is drawn as its glyph",
    ),
    Hook(
        "reportlab.pdfbase.ttfonts:TTFontFile.makeSubset",
        "25b6baf377941767",
        "render/pdf/shaping.py",
        "embeds, for each subset code, the glyph charToGlyph maps it to",
    ),
    Hook(
        "reportlab.pdfbase.ttfonts:TTFontFace.getCharWidth",
        "77b257d825b9878f",
        "render/pdf/shaping.py",
        "reads a code's width from charWidths, where a shaped glyph's is set",
    ),
    Hook(
        "reportlab.lib.utils:ImageReader.getRGBData",
        "e62a9f7d27538650",
        "render/pdf/readers.py",
        "overridden to decode a picture's pixels (_image into _data, _dataA) only while drawn",
    ),
)
"""ReportLab's private methods the handout overrides, calls or relies on."""

REPORTLAB_ATTRIBUTES = (
    Attributes(
        "reportlab.pdfgen.canvas:Canvas",
        ("_code", "_codeStack", "_pageNumber", "_doc", "_annotationrefs"),
        "render/pdf/tagtree.py",
        "each page's drawing instructions and annotations, read and replaced to tag them",
    ),
    Attributes(
        "reportlab.pdfgen.canvas:Canvas",
        ("_currentMatrix",),
        "render/pdf/tagging.py",
        "the transformation in force: where on its page a tagged picture lies (its BBox)",
    ),
    Attributes(
        "reportlab.pdfgen.textobject:PDFTextObject",
        ("_code", "_canvas"),
        "render/pdf/tagtree.py",
        "a text object's instructions and canvas, where link words are cut",
    ),
    Attributes(
        "reportlab.pdfbase.pdfdoc:PDFDocument",
        ("_pdfVersion",),
        "render/pdf/tagtree.py",
        "raised to 1.7 for a tagged PDF",
    ),
    Attributes(
        "reportlab.pdfbase.pdfdoc:PDFPage",
        ("__NoDefault__",),
        "render/pdf/tagtree.py",
        "the page dictionary's keys, which a tagged page adds two to",
    ),
    Attributes(
        "reportlab.platypus.frames:Frame",
        ("_y", "_y2", "_aH", "_topPadding"),
        "render/pdf/document.py, render/pdf/layout.py, render/pdf/flowables.py",
        "how far down the page the text reached, and how tall an empty page's column is",
    ),
    Attributes(
        "reportlab.pdfbase.ttfonts:TTFontFace",
        ("charToGlyph", "charWidths"),
        "render/pdf/shaping.py",
        "a font's map of code points to glyphs and their widths: a shaped glyph with no "
        "character of its own is given a private code point in both",
    ),
    Attributes(
        "reportlab.pdfbase.ttfonts",
        ("uharfbuzz",),
        "render/pdf/harfbuzz.py",
        "the module's optional import of HarfBuzz (None when it fails), which is made to fail "
        "so a Latin handout never loads it (ReportLab's own shaping is never used)",
    ),
    Attributes(
        "reportlab.lib.utils:ImageReader",
        ("_data", "_image"),
        "render/pdf/readers.py",
        "a picture's decoded pixels, let go after each draw",
    ),
)
"""ReportLab's private attributes the handout reads or sets."""
