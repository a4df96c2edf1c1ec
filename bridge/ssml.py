"""SSML (the Cortana side's ``speak``) reduced to text a Mi-AI speaker can say, and plain text wrapped as SSML.

Breaks and paragraph/sentence ends become punctuation so a plain TTS still pauses there (full-width "，" "。"
after Chinese); ``<sub alias>`` speaks its alias; ``<audio>`` is dropped (the speaker cannot fetch it). Text without
markup passes through unchanged, so ``ssml_to_text(text_to_ssml(t)) == t`` for any ``t``.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)([^>]*?)(/?)>|<!--.*?-->|<\?.*?\?>", re.DOTALL)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TIME = re.compile(r"^\s*([\d.]+)\s*(ms|s)\s*$")
_STRONG = {"strong", "x-strong"}
_SKIPPED = {"audio", "desc", "mark"}  # content not spoken (audio's fallback text is, see below)
_SENTENCE_ENDS = {"p", "s", "paragraph", "sentence"}
_AFTER_CJK = re.compile(r"(?<=[\u3400-\u4dbf\u4e00-\u9fff])([,.])\s*")


def text_to_ssml(text: str) -> str:
    """Plain text as a minimal SSML document."""
    return f"<speak>{html.escape(text, quote=False)}</speak>"


def ssml_to_text(ssml: str) -> str:
    """Speakable plain text from SSML; tolerant of sloppy markup (never raises)."""
    if "<" not in ssml:
        return html.unescape(ssml)
    parts: list[str] = []
    skip_depth = 0
    alias_depth = 0
    used_markup = False
    pos = 0
    for match in _TAG.finditer(ssml):
        if skip_depth == 0 and alias_depth == 0:
            parts.append(html.unescape(ssml[pos : match.start()]))
        pos = match.end()
        closing, name, attrs, self_closing = (
            match.group(1),
            (match.group(2) or "").lower(),
            match.group(3),
            match.group(4),
        )
        if not name:
            continue
        if name != "speak":
            used_markup = True
        if name in _SKIPPED and name != "audio":
            skip_depth += 0 if self_closing else (-1 if closing else 1)
        elif name == "sub":
            if closing:
                alias_depth = max(0, alias_depth - 1)
            elif not self_closing:
                alias = _attrs(attrs).get("alias")
                if alias is not None:
                    parts.append(alias)
                    alias_depth += 1
        elif name == "audio":
            parts.append(" ")  # its fallback text is spoken, set apart from the words around it
        elif name == "break" and not closing:
            parts.append(_break_mark(_attrs(attrs)))
        elif name in _SENTENCE_ENDS and closing:
            parts.append(". ")
    if skip_depth == 0 and alias_depth == 0:
        parts.append(html.unescape(ssml[pos:]))
    text = "".join(parts)
    return _tidy(text) if used_markup else text


def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(raw)}


def _break_mark(attrs: dict[str, str]) -> str:
    strength = attrs.get("strength", "").lower()
    match = _TIME.match(attrs.get("time", ""))
    millis = 0.0
    if match:
        millis = float(match.group(1)) * (1000 if match.group(2) == "s" else 1)
    if strength == "none" or (match and millis < 150):
        return " "
    return ". " if strength in _STRONG or millis >= 500 else ", "


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.!?;:])", r"\1", text)  # no space before punctuation
    text = re.sub(r"([.!?;:])[,.]+", r"\1", text)  # a pause after a sentence end adds nothing
    text = re.sub(r",(?:\s*,)+", ",", text)
    text = re.sub(r"^[\s,.;:]+", "", text)
    text = text.strip().rstrip(",")
    # after Chinese, pauses are full-width marks with no space: "打开灯，好的" as a Chinese TTS expects
    return _AFTER_CJK.sub(lambda m: "，" if m.group(1) == "," else "。", text)
