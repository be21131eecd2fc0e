"""Write the binary bad-input files of tests/data/ (run from anywhere: ``python tests/data/make_bad_inputs.py``).

The outputs are committed; this script documents how they were made and rebuilds them. The 10 MB .docx and the
answers file with a 10 MB paragraph are not kept here: the tests build them in a temporary folder with
:func:`big_docx` and :func:`long_paragraph_answers`.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent


def minimal_docx() -> bytes:
    """A small, valid .docx made by python-docx."""
    import docx

    document = docx.Document()
    document.add_paragraph("参考文档")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def other_zip() -> bytes:
    """A zip package that is not a Word document (an OpenDocument-like spreadsheet)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def png() -> bytes:
    """A 1×1 white PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def cfb_header() -> bytes:
    """The 512-byte header of a Compound File Binary container, which is what Word writes for an encrypted .docx.

    It carries a FAT sector and a directory naming the EncryptionInfo and EncryptedPackage streams, which is
    what tells an encrypted .docx apart from an old binary .doc (the streams themselves are left empty).
    """
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # number of FAT sectors
    struct.pack_into("<I", header, 48, 1)  # first directory sector
    struct.pack_into("<I", header, 56, 4096)  # mini stream cutoff
    struct.pack_into("<I", header, 60, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", header, 68, 0xFFFFFFFE)  # no DIFAT sectors
    for index in range(109):
        struct.pack_into("<I", header, 76 + 4 * index, 0 if index == 0 else 0xFFFFFFFF)
    fat = bytearray(b"\xff" * 512)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)  # sector 0 holds the FAT; sector 1 (directory) ends
    directory = b"".join(
        _directory_entry(name, kind)
        for name, kind in (("Root Entry", 5), ("EncryptionInfo", 2), ("EncryptedPackage", 2), ("", 0))
    )
    return bytes(header) + bytes(fat) + directory


def _directory_entry(name: str, kind: int) -> bytes:
    """One 128-byte CFB directory entry: the streams Word writes for an encrypted package are named like this."""
    entry = bytearray(128)
    encoded = name.encode("utf-16-le")
    entry[0 : len(encoded)] = encoded
    struct.pack_into("<H", entry, 64, len(encoded) + 2 if name else 0)
    entry[66] = kind
    struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)  # no siblings, no child
    return bytes(entry)


def big_docx(path: Path, megabytes: int = 10) -> Path:
    """A valid .docx of about ``megabytes`` MB (an incompressible embedded file makes up the size)."""
    base = minimal_docx()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("word/media/padding.bin", os.urandom(megabytes * 1024 * 1024), zipfile.ZIP_STORED)
    return path


def _with_document_xml(change: Callable[[bytes], bytes]) -> bytes:
    """:func:`minimal_docx` with its word/document.xml passed through ``change``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(minimal_docx())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, change(data) if info.filename == "word/document.xml" else data)
    return out.getvalue()


def bad_xml_docx() -> bytes:
    """A complete zip package whose word/document.xml is not well-formed XML (a tag left open)."""
    return _with_document_xml(lambda xml: xml.replace(b"</w:body>", "<w:p><w:r><w:t>未闭合</w:body>".encode()))


def no_section_docx() -> bytes:
    """A valid .docx whose body has no section properties (no page set-up), as some converters write."""
    return _with_document_xml(lambda xml: re.sub(rb"<w:sectPr.*?</w:sectPr>", b"", xml, flags=re.S))


def deeply_nested_answers(levels: int = 30_000) -> bytes:
    """An answers file whose ``sections`` hold a list nested ``levels`` deep (Python's JSON reader recurses)."""
    head = '{"schema_version": 1, "org": {"name": "石桥乡"}, "year": 2025, "sections": '
    return (head + "[" * levels + "]" * levels + "}\n").encode("utf-8")


def long_paragraph_answers(path: Path, characters: int, char: str = "法") -> Path:
    """An answers file (written to ``path``) whose one paragraph is ``characters`` long: too big to keep here."""
    import json

    data = json.loads((HERE / "answers-v1.json").read_text(encoding="utf-8"))
    data["sections"]["measures"]["items"][0]["paragraphs"][0]["text"] = char * characters
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def main() -> None:
    good = minimal_docx()
    outputs = {
        "docx-other-zip.docx": other_zip(),
        "docx-png-renamed.docx": png(),
        "docx-truncated.docx": good[: len(good) // 2],
        "docx-encrypted.docx": cfb_header(),
        "docx-valid.docx": good,
        "docx-bad-xml.docx": bad_xml_docx(),
        "docx-no-section.docx": no_section_docx(),
        "answers-deeply-nested.json": deeply_nested_answers(),
    }
    for name, data in outputs.items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
