"""User-facing messages in Vietnamese (default) and English, looked up by key.

Every sentence a user can read comes from here, so a translation is one table away.
"""

from __future__ import annotations

import os

CATALOG: dict[str, tuple[str, str]] = {
    # input errors (exit 2)
    "missing_file": ("không tìm thấy tệp: {path}", "file not found: {path}"),
    "not_a_file": ("không phải là tệp: {path}", "not a regular file: {path}"),
    "empty_file": ("tệp rỗng (0 byte): {path}", "file is empty (0 bytes): {path}"),
    "too_large": (
        "tệp quá lớn ({size} MB, tối đa {limit} MB): {path}",
        "file too large ({size} MB, limit {limit} MB): {path}",
    ),
    "unsupported": (
        "định dạng không hỗ trợ ({kind}): {path}; chỉ đọc .pdf, .docx, .doc, .txt, .md",
        "unsupported format ({kind}): {path}; only .pdf, .docx, .doc, .txt, .md are read",
    ),
    "disguised": (
        "tệp mang đuôi {ext} nhưng thực chất là {kind}: {path}",
        "file is named {ext} but is actually {kind}: {path}",
    ),
    "encrypted_pdf": (
        "PDF được mã hóa (có mật khẩu), không đọc được: {path}",
        "PDF is encrypted (password protected) and cannot be read: {path}",
    ),
    "corrupt_pdf": ("PDF bị hỏng, không đọc được ({detail}): {path}", "PDF is corrupt and cannot be read ({detail}): {path}"),
    "corrupt_docx": ("DOCX bị hỏng, không đọc được ({detail}): {path}", "DOCX is corrupt and cannot be read ({detail}): {path}"),
    "too_many_pages": (
        "PDF có {pages} trang, vượt giới hạn {limit} trang: {path}",
        "PDF has {pages} pages, over the limit of {limit}: {path}",
    ),
    "needs_ocr": (
        "PDF chỉ có ảnh quét, cần OCR nhưng chưa cài tesseract (tiếng Việt): "
        "cài bằng `apt-get install tesseract-ocr tesseract-ocr-vie` và `pip install 'plan-audit[ocr]'`: {path}",
        "PDF holds only scanned images and needs OCR, but tesseract with Vietnamese is not installed: "
        "install it with `apt-get install tesseract-ocr tesseract-ocr-vie` and `pip install 'plan-audit[ocr]'`: {path}",
    ),
    "ocr_failed": ("OCR thất bại ({detail}): {path}", "OCR failed ({detail}): {path}"),
    "needs_libreoffice": (
        "tệp .doc (Word cũ) cần LibreOffice để chuyển đổi; cài bằng `apt-get install libreoffice-writer` "
        "hoặc lưu lại thành .docx: {path}",
        "legacy .doc files need LibreOffice to convert; install `libreoffice-writer` or save the file as .docx: {path}",
    ),
    "doc_conversion_failed": ("chuyển đổi .doc thất bại ({detail}): {path}", ".doc conversion failed ({detail}): {path}"),
    "undecodable_text": (
        "không giải mã được tệp văn bản (không phải UTF-8/UTF-16/CP1258): {path}",
        "cannot decode the text file (not UTF-8/UTF-16/CP1258): {path}",
    ),
    "not_a_folder": ("không phải là thư mục: {path}", "not a folder: {path}"),
    "not_a_plan": (
        "tệp không phải là một kế hoạch (không có tiêu đề loại văn bản như KẾ HOẠCH, không có các mục "
        "nhiệm vụ, mục tiêu, tổ chức thực hiện): {path}",
        "the file is not a plan (no document-type title such as KẾ HOẠCH, no task, target or organisation "
        "sections): {path}",
    ),
    "no_text": ("không có chữ nào đọc được trong tệp: {path}", "no readable text in the file: {path}"),
    "bad_rules": ("lỗi tệp luật {file}, khóa {key}: {detail}", "rule file {file}, key {key}: {detail}"),
    # repairs noted while reading
    "note_legacy_tcvn3": ("đã chuyển mã TCVN3 (ABC) sang Unicode", "converted TCVN3 (ABC) text to Unicode"),
    "note_legacy_vni": ("đã chuyển mã VNI sang Unicode", "converted VNI text to Unicode"),
    "note_ocr": ("đã nhận dạng chữ (OCR) từ ảnh quét", "text recognised by OCR from scanned images"),
    "note_misnamed": ("tệp mang đuôi {ext} nhưng là {kind}; đã đọc theo {kind}", "file is named {ext} but is {kind}; read as {kind}"),
    "note_doc_converted": ("đã chuyển .doc sang .docx bằng LibreOffice", "converted .doc to .docx with LibreOffice"),
}

_LANG = {"vi": 0, "en": 1}


def default_lang() -> str:
    """Vietnamese unless PLAN_AUDIT_LANG says otherwise."""
    lang = os.environ.get("PLAN_AUDIT_LANG", "vi")
    return lang if lang in _LANG else "vi"


def message(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message `key` in `lang`, with `params` filled in; `key` may carry them as "key:name=value;…"."""
    if ":" in key:
        key, _, packed = key.partition(":")
        params = dict(item.split("=", 1) for item in packed.split(";")) | params
    pair = CATALOG[key]
    return pair[_LANG.get(lang or default_lang(), 0)].format(**params)
