"""Figures that render Chinese on any machine and save to identical bytes on every run.

``setup_cjk_font`` registers a freely licensed CJK font with matplotlib (Noto Sans CJK SC,
SIL Open Font License, shipped by the ``mplfonts`` package; a system copy of Noto Sans CJK SC,
Source Han Sans SC or WenQuanYi otherwise). ``save_figure`` writes PNG and SVG atomically with
the timestamps and random ids that matplotlib would otherwise embed removed, and
``save_image`` does the same for a PIL image such as a word cloud. Both store the figure's caption
(one sentence saying what it shows) in the files, where the index of the reports finds it
(:mod:`dangjian.figures.captions`); a figure function gives its caption as the figure's label
(``fig.set_label``), and ``save_figure(..., caption=...)`` overrides it.

``draw_annotated_heatmap`` is the one heat-map helper of the project: each cell's value is written
in it, in white on a dark cell and in black on a light one. ``wrap_label`` breaks a long
Chinese-and-English title into lines of a given width.

Example:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> font_path = setup_cjk_font()
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("基层党建")
    >>> import tempfile
    >>> [p.suffix for p in save_figure(fig, "title", figures_dir=tempfile.mkdtemp())]
    ['.png', '.svg']
"""

from __future__ import annotations

import functools
import gc
import importlib.resources
import os
import re
import sys
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure

from dangjian.figures.captions import CAPTION_KEY, png_caption_info
from dangjian.project.io import atomic_path

#: Characters a font must cover to count as a Chinese font here.
CJK_PROBE = "党建基层组织"

#: Freely licensed CJK families, best first. SimHei and other proprietary fonts are never used.
PREFERRED_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
)

#: File-name fragments (lower case, without spaces, dashes or underscores) worth opening.
_CANDIDATE_FILE_HINTS: tuple[str, ...] = (
    "notosanscjk",
    "notosanssc",
    "sourcehansans",
    "wqy",
    "wenquanyi",
)

_FONT_SUFFIXES = {".otf", ".ttf", ".ttc", ".otc"}

#: Fixed resolution and SVG id salt: the same figure gives the same bytes.
DEFAULT_DPI = 200
SVG_HASH_SALT = "dangjian"
#: Ids matplotlib gives clip paths: a hash of the clip rectangle's exact coordinates.
_CLIP_ID = re.compile(r'<clipPath id="(p[0-9a-f]{10})"')


def stable_clip_ids(svg: str) -> str:
    """``svg`` with its clip-path ids renumbered ``clip1``, ``clip2`` … in order of first use.

    matplotlib names a clip path after a hash of its rectangle's coordinates at full precision, so
    a layout that differs in the 13th digit (constrained layout converging from another start)
    changes the ids of a figure that looks, and is written, the same in every other byte.

    Example:
        >>> stable_clip_ids('<g clip-path="url(#p0123456789)"/><clipPath id="p0123456789">')
        '<g clip-path="url(#clip1)"/><clipPath id="clip1">'
    """
    ids = set(_CLIP_ID.findall(svg))
    if not ids:
        return svg
    order = sorted(ids, key=lambda name: svg.index(f"#{name})") if f"#{name})" in svg else svg.index(f'id="{name}"'))
    names = {old: f"clip{number}" for number, old in enumerate(order, start=1)}
    return re.sub(r"(?<=#)(p[0-9a-f]{10})(?=\))|(?<=id=\")(p[0-9a-f]{10})(?=\")",
                  lambda match: names.get(match.group(0), match.group(0)), svg)


@dataclass(frozen=True)
class CJKFont:
    """A font file and the face inside it that covers simplified Chinese.

    ``index`` is the face number inside a ``.ttc``/``.otc`` collection (0 for single fonts).
    """

    path: Path
    family: str
    index: int = 0


def bundled_font_path() -> Path | None:
    """Return Noto Sans CJK SC as shipped by the ``mplfonts`` package, or None if absent.

    Example:
        >>> bundled_font_path().name
        'NotoSansCJKsc-Regular.otf'
    """
    try:
        fonts = importlib.resources.files("mplfonts") / "fonts" / "NotoSansCJKsc-Regular.otf"
    except ModuleNotFoundError:
        return None
    path = Path(str(fonts))
    return path if path.is_file() else None


def system_font_dirs() -> list[Path]:
    """Return the usual font folders of Linux, macOS and Windows that exist on this machine.

    Example:
        >>> all(folder.is_dir() for folder in system_font_dirs())
        True
    """
    home = Path.home()
    candidates = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".fonts",
        home / ".local/share/fonts",
        Path(sys.prefix) / "fonts",
        Path(sys.prefix) / "share/fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
        home / "Library/Fonts",
    ]
    windir = os.environ.get("WINDIR")
    if windir:
        candidates.append(Path(windir) / "Fonts")
    return [folder for folder in candidates if folder.is_dir()]


def _face_families(path: Path) -> list[tuple[int, list[str], Any]]:
    """Return ``(face index, family names, TTFont)`` for every face of a font file."""
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() in {".ttc", ".otc"}:
        faces = list(TTCollection(str(path), lazy=True).fonts)
    else:
        faces = [TTFont(str(path), lazy=True)]
    result = []
    for index, face in enumerate(faces):
        names = {
            record.toUnicode()
            for record in face["name"].names
            if record.nameID in (1, 16)
        }
        result.append((index, sorted(names), face))
    return result


def covers(face: Any, text: str) -> bool:
    """Return True if the fontTools ``face`` has a glyph for every character of ``text``.

    Example:
        >>> from fontTools.ttLib import TTFont
        >>> covers(TTFont(str(bundled_font_path()), lazy=True), "党建")
        True
    """
    cmap = face.getBestCmap() or {}
    return all(ord(char) in cmap for char in text if not char.isspace())


def _family_rank(families: Iterable[str]) -> int | None:
    """Rank of the best preferred family among ``families`` (lower is better), None if none."""
    ranks = [PREFERRED_FAMILIES.index(name) for name in families if name in PREFERRED_FAMILIES]
    return min(ranks) if ranks else None


def find_system_cjk_font(search_dirs: Sequence[str | os.PathLike[str]] | None = None) -> CJKFont | None:
    """Search font folders for a freely licensed simplified-Chinese font; None if there is none.

    Only files whose names look like Noto Sans CJK / Noto Sans SC / Source Han Sans / WenQuanYi are
    opened. In a collection (``.ttc``) the simplified-Chinese face is chosen, not the first face
    (in ``NotoSansCJK-Regular.ttc`` that is the Japanese one). The face must cover ``CJK_PROBE``.

    Example:
        >>> found = find_system_cjk_font()
        >>> found is None or found.family in PREFERRED_FAMILIES
        True
    """
    folders = system_font_dirs() if search_dirs is None else [Path(d) for d in search_dirs]
    best: tuple[int, str, CJKFont] | None = None
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            squashed = path.name.lower().replace("-", "").replace("_", "").replace(" ", "")
            if path.suffix.lower() not in _FONT_SUFFIXES or not any(h in squashed for h in _CANDIDATE_FILE_HINTS):
                continue
            try:
                faces = _face_families(path)
            except Exception:  # unreadable or broken font file: skip it, keep searching
                continue
            for index, families, face in faces:
                rank = _family_rank(families)
                if rank is None or not covers(face, CJK_PROBE):
                    continue
                family = PREFERRED_FAMILIES[rank]
                candidate = (rank, str(path), CJKFont(path=path, family=family, index=index))
                if best is None or candidate[:2] < best[:2]:
                    best = candidate
    return None if best is None else best[2]


def find_cjk_font() -> CJKFont:
    """Return the CJK font to use: the bundled Noto Sans CJK SC, else a system one.

    Raises:
        RuntimeError: when no freely licensed simplified-Chinese font is available.

    Example:
        >>> find_cjk_font().family
        'Noto Sans CJK SC'
    """
    bundled = bundled_font_path()
    if bundled is not None:
        return CJKFont(path=bundled, family="Noto Sans CJK SC", index=0)
    found = find_system_cjk_font()
    if found is not None:
        return found
    searched = ", ".join(str(d) for d in system_font_dirs()) or "(no font folders found)"
    raise RuntimeError(
        "No freely licensed Chinese font found: the 'mplfonts' package (which ships Noto Sans CJK SC) "
        f"is not installed and none of {', '.join(PREFERRED_FAMILIES)} is in {searched}. "
        "Install the project with `pip install -e .` or a system package such as fonts-noto-cjk."
    )


def _register(font: CJKFont) -> str:
    """Add ``font`` to matplotlib's font manager once; return the family name matplotlib uses."""
    manager = font_manager.fontManager
    fname = str(font.path)
    if not any(entry.fname == fname for entry in manager.ttflist):
        manager.addfont(fname)
    # Equal scores go to the first entry: put this file first, so that another copy of the same
    # family (Debian's fonts-noto-cjk, say) never wins and figures use the same glyphs everywhere.
    chosen = [entry for entry in manager.ttflist if entry.fname == fname]
    manager.ttflist = chosen + [entry for entry in manager.ttflist if entry.fname != fname]
    clear = getattr(manager, "_findfont_cached", None)
    if clear is not None:
        clear.cache_clear()
    names = [entry.name for entry in manager.ttflist if entry.fname == fname and entry.index == font.index]
    return font.family if font.family in names else (names[0] if names else font.family)


@functools.cache
def _registered_font() -> tuple[Path, str]:
    font = find_cjk_font()
    return font.path, _register(font)


def setup_cjk_font() -> Path:
    """Make matplotlib draw Chinese with a freely licensed CJK font; return the font file.

    Registers the font (once per process) and puts its family first in ``font.sans-serif``,
    selects the sans-serif family and draws the minus sign as ASCII '-' (CJK fonts often lack
    U+2212). Calling it again is cheap and re-applies the settings. The returned path is what
    ``wordcloud.WordCloud(font_path=...)`` expects.

    Example:
        >>> setup_cjk_font().suffix in {".otf", ".ttf", ".ttc", ".otc"}
        True
        >>> import matplotlib
        >>> matplotlib.rcParams["font.sans-serif"][0]
        'Noto Sans CJK SC'
    """
    path, family = _registered_font()
    rc = matplotlib.rcParams
    rest = [name for name in rc["font.sans-serif"] if name != family]
    rc["font.sans-serif"] = [family, *rest]
    rc["font.family"] = ["sans-serif"]
    rc["axes.unicode_minus"] = False
    _show_figures_in_notebook()
    return path


def _show_figures_in_notebook() -> None:
    """Under IPython, display ``matplotlib.figure.Figure`` objects as PNG images.

    The library builds figures without pyplot (no global state), and IPython only knows how to
    show such a figure once a formatter is registered for it. A figure's caption (its label) goes
    with the image as the output's metadata (``caption``), which the HTML reports print under it.
    """
    try:
        from IPython import get_ipython
        from IPython.core.pylabtools import select_figure_formats
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        select_figure_formats(shell, {"png"})
        shell.display_formatter.formatters["image/png"].for_type(Figure, png_with_caption)


def png_with_caption(fig: Figure) -> Any:
    """What IPython shows for ``fig``: its PNG (base64), with ``{"caption": ...}`` as metadata when
    the figure has a caption (its label).

    Example:
        >>> from matplotlib.figure import Figure
        >>> fig = Figure(figsize=(1, 1))
        >>> _ = fig.subplots()
        >>> fig.set_label("A blank square.")
        >>> data, metadata = png_with_caption(fig)
        >>> metadata, data[:8]
        ({'caption': 'A blank square.'}, 'iVBORw0K')
    """
    from IPython.core.pylabtools import print_figure

    area = _SAVED_AREA.get(fig) if not fig.stale else None  # unchanged since save_figure: its layout and area
    data = print_figure(fig, "png", base64=True, bbox_inches=area if area is not None else "tight")
    caption = _caption_of(fig, None)
    return (data, {"caption": caption}) if data and caption else data


def _check_name(name: str) -> str:
    if not name or Path(name).suffix.lower() in {".png", ".svg"} or Path(name).is_absolute():
        raise ValueError(
            f"figure name {name!r} must be a relative file stem without suffix, e.g. 'keywords_by_region'"
        )
    return name


def _caption_of(fig: Figure, caption: str | None) -> str | None:
    """The caption to store: ``caption`` if given, else the figure's label (None if neither)."""
    text = caption if caption is not None else fig.get_label()
    text = " ".join(str(text).split()) if text else ""
    return text or None


def _settle_layout(fig: Figure) -> bool:
    """Compute a layout engine's layout (constrained layout, say) once and keep it: the figure has
    no layout engine afterwards. True when the figure was drawn to lay it out.

    A layout engine lays the figure out again at every draw, starting from the last result, and the
    PNG and SVG renderers measure text slightly differently; without this, the PNG, the SVG and a
    second save of the same figure could each differ by a fraction of a pixel. Without an engine,
    matplotlib saves a figure to a given area without laying it out first.
    """
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    engine = fig.get_layout_engine()
    if engine is None:
        return False
    drawn = not isinstance(engine, PlaceHolderLayoutEngine)
    if drawn:
        fig.draw_without_rendering()
        fig.draw_without_rendering()
    with matplotlib.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)  # None (not 'none', which keeps a placeholder engine)
    return drawn


def _fitted_area(fig: Figure, drawn: bool, dpi: float):
    """The area of ``fig`` that its drawn content covers at ``dpi``, in inches, with matplotlib's
    padding: what ``bbox_inches="tight"`` computes, measured once for all the files of a figure.
    Unless the figure was just ``drawn``, it is drawn first (without rendering), as matplotlib does,
    so that titles and ticks stand where they will be drawn."""
    from matplotlib.backends.backend_agg import RendererAgg

    if not drawn:
        fig.draw_without_rendering()
    own_dpi = fig.get_dpi()
    fig.set_dpi(dpi)  # text is measured at the resolution it is drawn at
    try:
        width, height = fig.bbox.size
        area = fig.get_tightbbox(RendererAgg(1, 1, dpi))
    finally:
        fig.set_dpi(own_dpi)
    return area.padded(matplotlib.rcParams["savefig.pad_inches"])


#: The saved area of each figure that :func:`save_figure` wrote, while the figure lives: showing it
#: unchanged afterwards (:func:`png_with_caption`) neither lays it out nor measures it again.
_SAVED_AREA: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

#: A figure of more pixels than this (at the resolution it is saved at) has the memory of one
#: file's renderer collected before the next file is drawn: each full-size image of a tall figure of
#: many panels is hundreds of megabytes, and a reference cycle would keep it until the next collection.
LARGE_FIGURE_PIXELS = 10_000_000


def save_figure(
    fig: Figure,
    name: str,
    figures_dir: str | os.PathLike[str] = "figures",
    *,
    caption: str | None = None,
    dpi: int = DEFAULT_DPI,
    tight: bool = True,
) -> list[Path]:
    """Save ``fig`` as ``<figures_dir>/<name>.png`` and ``.svg``; return both paths.

    Writes are atomic and byte-deterministic: the PNG carries no 'Software' tag, the SVG no date,
    its element ids come from a fixed salt, and text is stored as glyph outlines so the SVG
    shows Chinese without the font installed. With ``tight`` (the default) the saved area is
    fitted to the drawn content, so long axis labels are not cut off. ``caption`` (default: the
    figure's label, which the project's figure functions set) is stored in both files; a caption
    given here becomes the figure's label, so that the figure shown in a report carries it too.

    Example:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt, tempfile
        >>> from dangjian.figures.captions import read_caption
        >>> fig, ax = plt.subplots()
        >>> paths = save_figure(fig, "empty", figures_dir=tempfile.mkdtemp(), caption="An empty plot.")
        >>> [p.name for p in paths], read_caption(paths[0]), read_caption(paths[1])
        (['empty.png', 'empty.svg'], 'An empty plot.', 'An empty plot.')
    """
    _check_name(name)
    folder = Path(figures_dir)
    png = folder / f"{name}.png"
    svg = folder / f"{name}.svg"
    text = _caption_of(fig, caption)
    if text:
        fig.set_label(text)
    drawn = _settle_layout(fig)
    bbox = _fitted_area(fig, drawn, dpi) if tight else None
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT, "svg.fonttype": "path"}):
        with atomic_path(png) as tmp:
            fig.savefig(tmp, format="png", dpi=dpi, bbox_inches=bbox,
                        metadata={"Software": None, **({CAPTION_KEY: text} if text else {})})
        if fig.get_figwidth() * fig.get_figheight() * dpi**2 > LARGE_FIGURE_PIXELS:
            gc.collect()  # the PNG's renderer and its image, held in reference cycles, before the SVG's
        with atomic_path(svg) as tmp:
            fig.savefig(tmp, format="svg", dpi=dpi, bbox_inches=bbox,
                        metadata={"Date": None, **({CAPTION_KEY: text} if text else {})})
            Path(tmp).write_text(stable_clip_ids(Path(tmp).read_text(encoding="utf-8")), encoding="utf-8")
    if bbox is not None:
        _SAVED_AREA[fig] = bbox
    fig.stale = False  # saving leaves it marked as changed; a change after this marks it again
    return [png, svg]


def save_image(
    image: Any, name: str, figures_dir: str | os.PathLike[str] = "figures", *, caption: str | None = None
) -> Path:
    """Save a PIL image (or anything with ``to_image()``, e.g. a WordCloud) as ``<name>.png``.

    The PNG holds pixels and the caption only (no timestamps), so equal images give equal bytes.

    Example:
        >>> from PIL import Image
        >>> import tempfile
        >>> save_image(Image.new("RGB", (4, 4), "white"), "blank", tempfile.mkdtemp(), caption="White.").name
        'blank.png'
    """
    _check_name(name)
    if hasattr(image, "to_image"):
        image = image.to_image()
    if not hasattr(image, "save") or not hasattr(image, "mode"):
        raise TypeError(f"save_image({name!r}): expected a PIL image or an object with to_image(), got {type(image).__name__}")
    target = Path(figures_dir) / f"{name}.png"
    text = " ".join(caption.split()) if caption else None
    with atomic_path(target) as tmp:
        image.save(tmp, format="PNG", optimize=False, pnginfo=png_caption_info(text))
    return target


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def wrap_label(text: str, width: int = 40) -> str:
    """Break ``text`` into lines of at most ``width`` columns (a Chinese character counts two).

    Lines break at spaces, or between two Chinese characters, never inside a Latin word; existing
    line breaks are kept.

    Example:
        >>> print(wrap_label("两个及以上地区报告的核心指标 Core indicators reported by two or more regions", 30))
        两个及以上地区报告的核心指标
        Core indicators reported by
        two or more regions
    """
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        tokens = _wrap_pieces(paragraph)
        line, used = "", 0
        for token in tokens:
            size = sum(_width(c) for c in token)
            if token == " ":
                if line:
                    line, used = line + " ", used + 1
                continue
            if line and used + size > width:
                lines.append(line.rstrip())
                line, used = "", 0
            line, used = line + token, used + size
        lines.append(line.rstrip())
    return "\n".join(lines)


_CLOSING = set("，。、；：！？）」』》")
_OPENING = set("（「『《")


def _wrap_pieces(text: str) -> list[str]:
    """Split ``text`` into pieces a line may break between: each wide (CJK) character, each space,
    each run of other characters; punctuation stays with the character it belongs to.

    Example:
        >>> _wrap_pieces("党建 a-b（c）。")
        ['党', '建', ' ', 'a-b', '（c）。']
    """
    pieces: list[str] = []
    for char in text:
        previous = pieces[-1] if pieces else " "
        if char == " ":
            pieces.append(" ")
        elif previous != " " and (char in _CLOSING or previous[-1] in _OPENING
                                  or (_width(char) == 1 and _width(previous[-1]) == 1)):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def luminance(rgba: Sequence[float]) -> float:
    """Relative luminance (WCAG 2) of an RGB(A) colour with components in 0–1.

    Example:
        >>> luminance((1, 1, 1)), luminance((0, 0, 0)), round(luminance((0.5, 0, 0)), 3)
        (1.0, 0.0, 0.046)
    """
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(float(c)) for c in rgba[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


#: Below this luminance white text contrasts more with the cell than black text does.
DARK_LUMINANCE = 0.179


def label_colour(rgba: Sequence[float]) -> str:
    """``"white"`` for text on a dark colour, ``"black"`` on a light one (the higher contrast).

    Example:
        >>> label_colour((0.4, 0.0, 0.05)), label_colour((1.0, 0.9, 0.85))
        ('white', 'black')
    """
    return "white" if luminance(rgba) < DARK_LUMINANCE else "black"


def _cell_text(value: float) -> str:
    if value != value:  # NaN
        return ""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def draw_annotated_heatmap(
    ax: Any,
    table: Any,
    cmap: str = "Reds",
    fontsize: float = 8,
    *,
    fmt: Any = None,
    vmin: float | None = None,
    vmax: float | None = None,
    annotate: bool = True,
) -> Any:
    """Draw ``table`` (a DataFrame or array of numbers) as a heatmap on ``ax`` with each value
    written in its cell; return the image (for a colour bar). Tick labels and titles are the caller's.

    The text of a cell is white where the cell is dark and black where it is light, judged from the
    cell's colour (:func:`label_colour`). ``fmt`` formats a value (a format string such as
    ``"{:.0f}%"`` or a function; default: integers as integers, else one decimal; NaN is left blank).

    Example:
        >>> import pandas as pd
        >>> from matplotlib.figure import Figure
        >>> ax = Figure().subplots()
        >>> image = draw_annotated_heatmap(ax, pd.DataFrame([[1, 2], [3, 40]]))
        >>> [(t.get_text(), t.get_color()) for t in ax.texts]
        [('1', 'black'), ('2', 'black'), ('3', 'black'), ('40', 'white')]
    """
    import numpy as np

    values = np.asarray(table, dtype=float)
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=vmin, vmax=vmax, interpolation="nearest")
    if not annotate:
        return image
    if fmt is None:
        render = _cell_text
    elif callable(fmt):
        render = fmt
    else:
        render = lambda value: "" if value != value else fmt.format(value)  # noqa: E731
    for (i, j), value in np.ndenumerate(values):
        text = render(value)
        if not text:
            continue
        colour = label_colour(image.cmap(image.norm(value)))
        ax.text(j, i, text, ha="center", va="center", fontsize=fontsize, color=colour)
    return image
