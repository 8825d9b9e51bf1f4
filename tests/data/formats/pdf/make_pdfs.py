# ruff: noqa: E501  (the ODF template and the notes are long lines of data)
"""Make the test PDFs (and ODT, RTF) of the SCO 2006 statement (run by hand; CI uses the files).

Each language version of `resources/texts/sco-2006/` is laid out like a UN document: a
running header with the document symbol and date, a footer with the job number and
"page/pages", two footnotes, hyphenation at line ends; Spanish and Russian in two columns.
LibreOffice (headless, `apt-get install libreoffice-writer-nogui hyphen-en-us hyphen-es
hyphen-ru fonts-noto-cjk`) turns the flat ODT into PDF, and for en, ru and zh into .odt and
.rtf (in ../odt and ../rtf):

    python3 tests/data/formats/pdf/make_pdfs.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
TEXTS = HERE.parents[3] / "resources" / "texts" / "sco-2006"
SYMBOL = "A/61/1005–S/2006/472"
HEADER_DATE = {
    "en": "15 June 2006",
    "es": "15 de junio de 2006",
    "ru": "15 июня 2006 года",
    "zh": "2006年6月15日",
}
JOB = {"en": "06-41234 (E)", "es": "06-41234 (S)", "ru": "06-41234 (R)", "zh": "06-41234 (C)"}
# (paragraph index, footnote text): the note mark goes at the end of that paragraph
NOTES = {
    "en": [
        (4, "Adopted at the summit of the Shanghai Cooperation Organisation, 15 June 2006."),
        (8, "See General Assembly resolution 60/45 of 8 December 2005."),
    ],
    "es": [
        (
            4,
            "Aprobada en la cumbre de la Organización de Cooperación de Shanghai, 15 de junio de 2006.",
        ),
        (8, "Véase la resolución 60/45 de la Asamblea General, de 8 de diciembre de 2005."),
    ],
    "ru": [
        (
            4,
            "Принято на встрече на высшем уровне Шанхайской организации сотрудничества 15 июня 2006 года.",
        ),
        (8, "См. резолюцию 60/45 Генеральной Ассамблеи от 8 декабря 2005 года."),
    ],
    "zh": [(4, "2006年6月15日上海合作组织峰会通过。"), (8, "见大会2005年12月8日第60/45号决议。")],
}
FONT = {"zh": "Noto Serif CJK SC"}
COLUMNS = {"es": 2, "ru": 2}
COUNTRY = {"en": ("en", "US"), "es": ("es", "ES"), "ru": ("ru", "RU"), "zh": ("zh", "CN")}


def fodt(lang: str) -> str:
    paragraphs = [p.strip() for p in (TEXTS / f"{lang}.txt").read_text("utf-8").split("\n\n")]
    paragraphs = [p for p in paragraphs if p]
    notes = dict(NOTES[lang])
    language, country = COUNTRY[lang]
    font = FONT.get(lang, "DejaVu Serif")
    columns = COLUMNS.get(lang, 1)
    body = []
    for n, text in enumerate(paragraphs):
        note = ""
        if n in notes:
            note = (
                f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>'
                f'</text:note-citation><text:note-body><text:p text:style-name="Footnote">'
                f"{escape(notes[n])}</text:p></text:note-body></text:note>"
            )
        style = "Title" if n < 3 else "Body"
        body.append(f'<text:p text:style-name="{style}">{escape(text)}{note}</text:p>')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Main" svg:font-family="'{font}'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
  <style:text-properties style:font-name="Main" style:font-name-asian="Main" fo:font-size="10.5pt"
   style:font-size-asian="10.5pt" fo:language="{language}" fo:country="{country}"
   style:language-asian="{language}" style:country-asian="{country}" fo:hyphenate="true"
   fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/>
 </style:default-style>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.25cm"
   fo:text-indent="0.8cm"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.3cm"/>
  <style:text-properties fo:font-size="12pt" fo:font-weight="bold" fo:hyphenate="false"/>
 </style:style>
 <style:style style:name="Footnote" style:family="paragraph">
  <style:text-properties fo:font-size="8.5pt" style:font-size-asian="8.5pt"/>
 </style:style>
 <style:style style:name="Furniture" style:family="paragraph">
  <style:paragraph-properties>
   <style:tab-stops><style:tab-stop style:position="16cm" style:type="right"/></style:tab-stops>
  </style:paragraph-properties>
  <style:text-properties fo:font-size="9pt" style:font-size-asian="9pt" fo:hyphenate="false"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="Page">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm">
   <style:columns fo:column-count="{columns}" fo:column-gap="0.8cm"/>
  </style:page-layout-properties>
  <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.8cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.8cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="Page">
  <style:header>
   <text:p text:style-name="Furniture">{escape(SYMBOL)}<text:tab/>{escape(HEADER_DATE[lang])}</text:p>
  </style:header>
  <style:footer>
   <text:p text:style-name="Furniture">{escape(JOB[lang])}<text:tab/><text:page-number text:select-page="current">1</text:page-number>/<text:page-count>1</text:page-count></text:p>
  </style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body>
</office:document>
"""


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("en", "es", "ru", "zh"):
            source = Path(tmp) / f"sco-2006-{lang}.fodt"
            source.write_text(fodt(lang), "utf-8")
            targets = [("pdf", HERE)]
            if lang != "es":
                targets += [("odt", HERE.parent / "odt"), ("rtf", HERE.parent / "rtf")]
            for kind, folder in targets:
                folder.mkdir(exist_ok=True)
                subprocess.run(
                    [
                        "soffice",
                        "--headless",
                        "--convert-to",
                        kind,
                        "--outdir",
                        str(folder),
                        str(source),
                    ],
                    check=True,
                    capture_output=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
