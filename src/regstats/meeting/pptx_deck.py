"""The deck as PowerPoint (python-pptx): the same titles, chart images, sentences and source
lines as the screen, titles in title placeholders (so the outline and screen readers find
them), charts with alt text, and speaker notes with the numbers behind each sentence."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Pt

from regstats.formatting import day_sv, number_sv
from regstats.meeting.slides import BuiltDeck, Slide

# The HTML canvas is 1280×720 px; 1 px = 9525 EMU keeps every position identical.
PX = 9525
ACCENT = RGBColor(0x0B, 0x3D, 0x66)
INK = RGBColor(0x11, 0x11, 0x11)
MUTED = RGBColor(0x3D, 0x3D, 0x3D)
SAMPLE_FILL = RGBColor(0xFF, 0xF3, 0xCD)
SAMPLE_INK = RGBColor(0x5C, 0x3D, 0x00)
TITLE_ONLY = 5  # the default template's "Title Only" layout


def _px(value: float) -> Emu:
    return Emu(int(value * PX))


def _text(slide, left, top, width, height, lines: list[str], size: int, colour=INK, bold=False, bullets=False):
    box = slide.shapes.add_textbox(_px(left), _px(top), _px(width), _px(height))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = ("• " if bullets else "") + line
        paragraph.space_after = Pt(10 if bullets else 2)
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = colour
    return box


def _title(slide, text: str, size: int, top: float, height: float) -> None:
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = _px(48), _px(top), _px(1100), _px(height)
    shape.text = text
    frame = shape.text_frame
    frame.word_wrap = True
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = True
            run.font.color.rgb = ACCENT


def _sample_mark(slide) -> None:
    box = _text(slide, 930, 10, 330, 34, ["Exempeldata – inte officiell statistik"], 13, SAMPLE_INK, bold=True)
    box.fill.solid()
    box.fill.fore_color.rgb = SAMPLE_FILL
    box.line.color.rgb = SAMPLE_INK


def _dates(deck: BuiltDeck, slide: Slide) -> str:
    parts = [f"Möte {day_sv(deck.meeting)}" if deck.meeting else "Utkast på aktuella data"]
    if deck.data_date:
        parts.append(f"Data hämtade {day_sv(deck.data_date)}")
    if slide.latest_period:
        parts.append(f"Senaste period {slide.latest_period}")
    return " · ".join(parts) + f"    {slide.number} / {len(deck.slides)}"


def _notes(slide: Slide) -> str:
    """What the presenter needs to answer 'where does that number come from?'."""
    lines = []
    for sentence in slide.sentences:
        lines.append(sentence.text)
        if sentence.edited:
            lines.append(f"  (redigerad av analytikern; regeln skrev: {sentence.generated})")
        for name, value in sentence.numbers.items():
            shown = number_sv(value, 2) if isinstance(value, float) else str(value)
            lines.append(f"  {name}: {shown}")
    if slide.source:
        lines.append(slide.source)
    if slide.link:
        lines.append(f"Instrumentpanelen: {slide.link}")
    return "\n".join(lines)


def write_pptx(deck: BuiltDeck, images: dict[int, bytes], path: Path) -> Path:
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = _px(1280), _px(720)
    for slide in deck.slides:
        if slide.kind == "title":
            page = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY])
            _title(page, slide.title, 40, 200, 160)
            _text(page, 48, 380, 1100, 60, [s.text for s in slide.sentences], 24)
            if deck.data_date:
                _text(page, 48, 440, 1100, 40, [f"Data hämtade {day_sv(deck.data_date)}"], 18, MUTED)
        else:
            page = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY])
            _title(page, slide.title, 28, 30, 64)
            left = 48
            if slide.number in images:
                picture = page.shapes.add_picture(
                    io.BytesIO(images[slide.number]), _px(48), _px(110), _px(760), _px(500)
                )
                picture._element.nvPicPr.cNvPr.set("descr", slide.alt)  # alt text; python-pptx has no API for it
                left = 836
            elif slide.empty:
                _text(page, 48, 120, 700, 60, [slide.empty], 18, MUTED)
                left = 836
            width = 1280 - left - 40
            _text(page, left, 110, width, 500, [s.text for s in slide.sentences], 17, bullets=True)
        footer = [slide.source] if slide.source else []
        _text(page, 48, 630, 1184, 70, [*footer, _dates(deck, slide)], 10, MUTED)
        if deck.sample:
            _sample_mark(page)
        page.notes_slide.notes_text_frame.text = _notes(slide)
    presentation.save(str(path))
    return path
