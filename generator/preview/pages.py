"""The handout's pages as pictures for the browser, drawn by PDFium (through pypdfium2)."""

from __future__ import annotations

import io

SCALE = 1.25
"""Pixels per PDF point: 90 dpi, a page 744 px wide: sharp at the 380 px the page shows it."""


def page_images(pdf: bytes, scale: float = SCALE) -> tuple[bytes, ...]:
    """Each page of a PDF as a PNG image, in order."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images: list[bytes] = []
        for index in range(len(document)):
            page = document[index]
            try:
                bitmap = page.render(scale=scale, grayscale=False)
                try:
                    picture = bitmap.to_pil()
                    out = io.BytesIO()
                    # Fast compression: the picture lives for one preview, not on disk.
                    picture.save(out, format="PNG", compress_level=1)
                    images.append(out.getvalue())
                finally:
                    bitmap.close()
            finally:
                page.close()
        return tuple(images)
    finally:
        document.close()
