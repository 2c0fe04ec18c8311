"""The forms of 导入已有文稿 and 上传修改稿, field names as reports/import.html, import_preview.html and
roundtrip_diff.html post them.

The upload form keeps what was typed (the page shows it again with the refusal); the preview form reads
the hidden planned outline (state, JSON), the period as a core Period, and the per-row choices
(number-<i>: a metric key or "" to keep the typed number; node-kind-<i>: a node's new type).
"""
import base64
import json
import re

from flask import request
from flask_wtf.file import FileField
from wtforms import StringField, TextAreaField

from app.forms import PeriodField, PostedForm, UploadForm, stripped

NUMBER_FIELD = re.compile(r"number-(\d{1,6})")


class ImportForm(PostedForm):
    """Pasted text (or a file, read from request.files by the view), the period and the kind."""

    period = StringField(default="", filters=[stripped])  # may be left empty: read from the title then
    kind = StringField(default="")
    text = TextAreaField(default="")
    source_text = TextAreaField(default="")  # 返回修改原文 from the preview: the text it was made from

    def typed(self) -> dict:
        """What was typed, as the upload page shows it again."""
        return {"period": self.period.data, "kind": self.kind.data, "text": self.text.data}

    def carried_back(self) -> dict:
        """The preview's period, kind and source text, for the first step again."""
        return {"period": self.period.data, "kind": self.kind.data, "text": self.source_text.data}


class PreviewForm(PostedForm):
    """The preview's hidden state and the user's choices (升一级/降一级/改类型, numbers, 全部接受)."""

    state = StringField(default="")
    period = PeriodField()
    kind = StringField(default="")
    action = StringField(default="")
    accept_all = StringField()  # present (any value) when 全部接受 was pressed
    source_text = TextAreaField(default="")  # carried along for 返回修改原文

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._rows = request.form  # the per-row fields, numbered by the preview

    def outline_state(self) -> dict | None:
        """The planned outline as the preview wrote it, or None if it is missing or was tampered with."""
        try:
            state = json.loads(self.state.data)
        except (ValueError, TypeError):
            return None
        return state if isinstance(state, dict) else None

    def adjustment(self) -> tuple[str, int]:
        """("promote" | "demote" | "kind", row) from the pressed button (action=demote:3); ("", 0), which
        changes nothing, for a button without a row number."""
        action, _, index = self.action.data.partition(":")
        return (action, int(index)) if index.isascii() and index.isdigit() else ("", 0)

    def node_kind(self, index: int) -> str:
        return self._rows.get(f"node-kind-{index}", "")

    def decisions(self) -> dict[int, str | None]:
        """number-<i> fields: a metric key, or None to keep the typed number."""
        return {int(match.group(1)): value or None for key, value in self._rows.items()
                if (match := NUMBER_FIELD.fullmatch(key))}


class RevisionUploadForm(UploadForm):
    """上传修改稿's first step: the .docx edited in Word or WPS."""

    file = FileField()

    def upload(self) -> tuple[bytes, str]:
        """The file's bytes and name; (b"", "") when none was chosen (the reader refuses it in Chinese)."""
        chosen = self.file.data
        return (chosen.read(), chosen.filename) if chosen else (b"", "")


class RevisionForm(PostedForm):
    """上传修改稿's diff page: the uploaded file carried along (base64), and which changes to take
    (accept-<section id>, accept-order, number-<section id>-<i>: keep or literal, or 全部采纳)."""

    upload = StringField(default="")
    filename = StringField(default="")
    accept_all = StringField()  # present (any value) when 全部采纳 was pressed
    confirm_removals = StringField(name="confirm-removals", default="")  # deleting a report's text, confirmed

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._rows = request.form

    def file(self) -> bytes:
        """The uploaded file; ValueError (binascii.Error) if the carried text is not base64."""
        return base64.b64decode(self.upload.data, validate=True)

    @property
    def everything(self) -> bool:
        return self.accept_all.data is not None

    def accepts(self, section_id: int) -> bool:
        return self.everything or bool(self._rows.get(f"accept-{section_id}"))

    def accepts_order(self) -> bool:
        return self.everything or bool(self._rows.get("accept-order"))

    def keeps_binding(self, section_id: int, index: int) -> bool:
        """An overtyped generated number keeps its ledger binding unless "literal" was chosen."""
        return self._rows.get(f"number-{section_id}-{index}", "keep") != "literal"
