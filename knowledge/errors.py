"""Errors raised while reading or building plans, each with a clear Chinese message."""

from __future__ import annotations


class PlanError(Exception):
    """Base class: `message` is what the user is shown (Chinese), `detail` is for logs."""

    message = "文件无法处理。"

    def __init__(self, message: str | None = None, *, detail: str = "") -> None:
        self.message = message or self.message
        self.detail = detail
        super().__init__(self.message if not detail else f"{self.message} ({detail})")


class UnsupportedTypeError(PlanError):
    """The file type is not one we read."""

    message = "不支持的文件类型，请发送 .docx、.pdf 或 .txt 文件。"


class FileTooLargeError(PlanError):
    """The file is larger than the configured limit."""

    message = "文件过大，请压缩或拆分后再发送。"


class EmptyFileError(PlanError):
    """The file holds no text."""

    message = "文件是空的，没有可读取的文字。"


class ScannedPdfError(PlanError):
    """A PDF without a text layer (a scan): we do no OCR."""

    message = "这是扫描版 PDF（没有文字层），无法识别，请发送文字版（.docx 或 .txt）。"


class CorruptFileError(PlanError):
    """The file is damaged, encrypted or not what its name says."""

    message = "文件已损坏、加密或格式不正确，无法读取。"


class EncodingError(PlanError):
    """A text file in no encoding we recognise (often binary data)."""

    message = "无法识别文件编码，请另存为 UTF-8 编码的 .txt 文件后再发送。"


class BadFileNameError(PlanError):
    """A file name with path parts or characters we refuse."""

    message = "文件名不合法（不能包含路径），请重命名后再发送。"


class EncryptedFileError(CorruptFileError):
    """A password-protected .docx or .pdf."""

    message = "文件已加密（设有密码），无法读取，请取消密码后再发送。"


class LegacyWordError(UnsupportedTypeError):
    """An old binary Word file (.doc), whatever its name says."""

    message = "这是旧版 Word（.doc）文件，请在 Word 或 WPS 中另存为 .docx 后再发送。"


class UnreadablePdfError(ScannedPdfError):
    """A PDF whose fonts carry no Unicode map: its text comes out as (cid:N) codes."""

    message = "这个 PDF 的文字无法提取（字体缺少编码信息），请发送文字版（.docx 或 .txt）。"


class LimitExceededError(FileTooLargeError):
    """The file holds more than a configured limit allows (paragraphs, cells, pages …)."""

    def __init__(self, message: str | None = None, *, limit: str = "", value: int = 0,
                 detail: str = "") -> None:
        self.limit = limit  # the ReadLimits / BuildLimits field that was passed
        self.value = value  # its configured value
        super().__init__(message, detail=detail or limit)


class ZipBombError(CorruptFileError):
    """A .docx (zip) that would expand far beyond its size: refused before it is unpacked."""

    message = "文件解压后异常巨大（疑似压缩炸弹），无法读取。"


class BuildLimitError(PlanError):
    """Parsing in the separate process passed its memory or time limit, or that process died."""

    def __init__(self, message: str | None = None, *, limit: str = "", value: float = 0,
                 detail: str = "") -> None:
        self.limit = limit  # "memory", "seconds" or "crash"
        self.value = value
        super().__init__(message, detail=detail or limit)
