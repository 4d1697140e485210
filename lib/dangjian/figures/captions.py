"""Figure captions stored in the figure files themselves.

A caption says in one sentence what a figure shows. :func:`dangjian.figures.plotting.save_figure` and
:func:`~dangjian.figures.plotting.save_image` write it into the files they save — the PNG's
``Description`` text chunk (an ``iTXt`` chunk, UTF-8, when the caption is Chinese) and the SVG's
Dublin Core ``<dc:description>`` — so that the caption travels with the figure, and the index of
the reports (:mod:`dangjian.running.share`) reads it back with :func:`read_caption`. Nothing here needs
matplotlib.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from PIL import Image
    >>> path = Path(tempfile.mkdtemp()) / "a.png"
    >>> Image.new("RGB", (2, 2)).save(path, pnginfo=png_caption_info("各地区的指标 Indicators by region."))
    >>> read_caption(path)
    '各地区的指标 Indicators by region.'
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from html import unescape
from pathlib import Path

#: The metadata key under which a caption is stored (PNG text chunk and SVG Dublin Core element).
CAPTION_KEY = "Description"

_SVG_DESCRIPTION = re.compile(r"<dc:description>(.*?)</dc:description>", re.DOTALL)


def png_caption_info(caption: str | None):
    """A ``PIL.PngImagePlugin.PngInfo`` holding ``caption`` (None: an empty one).

    Example:
        >>> png_caption_info("x").chunks[0][0]
        b'tEXt'
    """
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    if caption:
        info.add_text(CAPTION_KEY, caption)  # iTXt (UTF-8) when the text is not Latin-1
    return info


def read_caption(path: str | os.PathLike[str]) -> str | None:
    """The caption stored in a PNG or SVG file, or None when it has none (or is not readable).

    Example:
        >>> import tempfile
        >>> svg = Path(tempfile.mkdtemp()) / "a.svg"
        >>> _ = svg.write_text('<svg><metadata><dc:description>A &amp; B</dc:description></metadata></svg>')
        >>> read_caption(svg), read_caption(svg.with_name("missing.png"))
        ('A & B', None)
    """
    path = Path(path)
    try:
        if path.suffix.lower() == ".svg":
            with open(path, encoding="utf-8") as handle:
                head = handle.read(16_384)  # the metadata block comes first
            found = _SVG_DESCRIPTION.search(head)
            text = unescape(found.group(1)) if found else None
        elif path.suffix.lower() == ".png":
            from PIL import Image

            with Image.open(path) as image:
                text = image.text.get(CAPTION_KEY)
        else:
            return None
    except (OSError, ValueError, SyntaxError):
        return None
    text = " ".join(str(text).split()) if text else ""
    return text or None


def first_caption(paths: Iterable[str | os.PathLike[str]]) -> str | None:
    """The caption of the first of ``paths`` that has one.

    Example:
        >>> first_caption([]) is None
        True
    """
    for path in paths:
        caption = read_caption(path)
        if caption:
            return caption
    return None
