"""Writes the crafted hostile files of this folder (run it to rebuild them; see cases.toml)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LAUGHS = (
    '<!DOCTYPE {root} [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)
XXE = '<!DOCTYPE {root} [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
INTERNAL = '<!DOCTYPE {root} [\n<!ENTITY leak "a hidden text">\n]>\n'
TMX_HEAD = (
    '<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" '
    'o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n'
)
XLF_HEAD = (
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    '<file original="{original}" source-language="{src}" target-language="{tgt}" '
    'datatype="plaintext">\n<body>\n'
)
TBX_HEAD = (
    '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n'
    "<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>\n"
    "<text><body>\n"
)
PO_HEAD = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n'
    '"Language: {lang}\\n"\n\n'
)
DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


def member(name: str) -> zipfile.ZipInfo:
    """A zip member with a fixed date, so a rebuild gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write(name: str, data: str | bytes) -> None:
    path = HERE / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def laughs(root: str) -> str:
    return LAUGHS.replace("{root}", root)


def docx(name: str, body: str, doctype: str = "", extra: dict[str, str] | None = None) -> None:
    xml = DECL + doctype + f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    path = HERE / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            member("[Content_Types].xml"),
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr(
            member("_rels/.rels"),
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        package.writestr(member("word/document.xml"), xml)
        for name_, content in (extra or {}).items():
            package.writestr(member(name_), content)


def para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def docx_bomb(name: str, inflated_mb: int) -> None:
    path = HERE / name
    head = DECL + f'<w:document xmlns:w="{W}"><w:body>'
    tail = para("x") + "</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr(member("[Content_Types].xml"), "<Types/>")
        with package.open(member("word/document.xml"), "w", force_zip64=True) as part:
            part.write(head.encode())
            block = b" " * (1 << 20)
            for _ in range(inflated_mb):
                part.write(block)
            part.write(tail.encode())


def tmx(units: str, doctype: str = "") -> str:
    return DECL + doctype + TMX_HEAD + units + "</body></tmx>\n"


def tu(en: str, es: str, es_lang: str = "es") -> str:
    return (
        f'<tu><tuv xml:lang="en"><seg>{en}</seg></tuv>\n'
        f'<tuv xml:lang="{es_lang}"><seg>{es}</seg></tuv></tu>\n'
    )


def xlf(
    units: str, doctype: str = "", src: str = "en", tgt: str = "es", original: str = "a.txt"
) -> str:
    head = XLF_HEAD.format(original=original, src=src, tgt=tgt)
    return DECL + doctype + head + units + "</body>\n</file>\n</xliff>\n"


def unit(ident: str, source: str, target: str) -> str:
    return (
        f'<trans-unit id="{ident}"><source>{source}</source>\n'
        f"<target>{target}</target></trans-unit>\n"
    )


def tbx(entries: str, doctype: str = "") -> str:
    return DECL + doctype + TBX_HEAD + entries + "</body></text>\n</tbx>\n"


def entry(ident: str, en: str, es: str, es_lang: str = "es") -> str:
    return (
        f'<conceptEntry id="{ident}">\n'
        f'<langSec xml:lang="en"><termSec><term>{en}</term></termSec></langSec>\n'
        f'<langSec xml:lang="{es_lang}"><termSec><term>{es}</term></termSec></langSec>\n'
        "</conceptEntry>\n"
    )


def xces_doc(body: str, doctype: str = "") -> str:
    return DECL + doctype + f'<document lang="en" name="en.txt">\n{body}</document>\n'


def xces_align(
    links: str, doctype: str = "", from_doc: str = "en.xml", to_doc: str = "es.xml"
) -> str:
    return (
        DECL
        + doctype
        + '<cesAlign version="1.0">\n'
        + f'<linkGrp targType="s" fromDoc="{from_doc}" toDoc="{to_doc}">\n'
        + links
        + "</linkGrp>\n</cesAlign>\n"
    )


GOOD_LINKS = (
    '<link xtargets="1:1;1:1" type="1-1" status="auto" certainty="0.9"/>\n'
    '<link xtargets="1:2;1:2" type="1-1" status="auto" certainty="0.9"/>\n'
)
MANIFEST = (
    '[project]\nname = "{name}"\ntitle = ""\npivot = "en"\n\n[documents]\n'
    'en = "{en}"\nes = "texts/es/es.txt"\n\n[paths]\nalignments = "{alignments}"\n'
    'tmx = "{tmx}"\n\n[export.lang_codes]\nen = "en-US"\nes = "es-ES"\n'
)


def manifest(
    name: str = "p", en: str = "texts/en/en.txt", alignments: str = "alignments/p", tmx: str = "tmx"
) -> str:
    return MANIFEST.format(name=name, en=en, alignments=alignments, tmx=tmx)


def build() -> None:
    # plain text
    write("text/control-characters.txt", "A first line.\nA bell\x07 rings here.\n")
    write("text/nul-bytes.txt", "Text before.\nHidden\x00 text after a NUL.\n")
    write("text/invalid-utf8.txt", b"A first line.\nCaf\xe9 is not UTF-8.\n")
    write("text/form-feed.txt", "Page one ends here.\fPage two starts here.\n")
    write("text/bidi-override.txt", "Invoice \u202etxt.exe\u202c is attached. Pay it now.\n")
    # docx
    docx(
        "docx/entity-reference.docx",
        para("Secret: &xxe; end."),
        XXE.replace("{root}", "w:document"),
    )
    docx("docx/billion-laughs.docx", para("&lol9;"), laughs("w:document"))
    docx("docx/malformed.docx", para("Broken <w:r> here"))
    docx(
        "docx/deep-sdt.docx",
        "<w:sdt><w:sdtContent>" * 5000 + para("x") + "</w:sdtContent></w:sdt>" * 5000,
    )
    docx("docx/bell-character-reference.docx", para("A bell &#x7; here."))
    docx_bomb("docx/zip-bomb.docx", 100)
    write("docx/not-a-zip.docx", b"PK\x03\x04 this is not really a zip archive")
    docx(
        "docx/member-path-traversal.docx",
        para("Chapter one.") + para("Chapter two."),
        extra={"../../victim/notes.txt": "overwritten", "/tmp/evil.txt": "x"},
    )
    # html
    write(
        "html/deep-300.html",
        "<html><body><p>Chapter one.</p>"
        + "<div>" * 300
        + "Deep text."
        + "</div>" * 300
        + "<p>Chapter two.</p></body></html>\n",
    )
    write(
        "html/meta-rot13.html",
        '<html><head><meta charset="rot13"></head><body><p>Uryyb.</p></body></html>\n',
    )
    write(
        "html/meta-utf7.html",
        '<html><head><meta charset="utf-7"></head><body><p>+ADw-script+AD4-</p></body></html>\n',
    )
    write(
        "html/script-and-entities.html",
        "<html><head><script>document.write('injected')</script><style>p{}</style></head>"
        "<body><p>Caf&eacute; &amp; cr&egrave;me.</p><p>Second paragraph.</p></body></html>\n",
    )
    # TMX
    write(
        "tmx/entity-leak.tmx", tmx(tu("Hello &leak;.", "Hola."), INTERNAL.replace("{root}", "tmx"))
    )
    write("tmx/billion-laughs.tmx", tmx(tu("&lol9;", "Hola."), laughs("tmx")))
    write("tmx/external-entity.tmx", tmx(tu("Hello &xxe;.", "Hola."), XXE.replace("{root}", "tmx")))
    write("tmx/lang-relative-path.tmx", tmx(tu("Hello.", "Hola.", "../../victim/notes")))
    write("tmx/lang-absolute-path.tmx", tmx(tu("Hello.", "Hola.", "/tmp/notes")))
    write(
        "tmx/external-dtd.tmx",
        DECL
        + '<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">\n'
        + TMX_HEAD
        + tu("Hello there.", "Hola.")
        + "</body></tmx>\n",
    )
    write("tmx/malformed.tmx", tmx(tu("Hello <b>there.", "Hola.")))
    write(
        "tmx/xinclude.tmx",
        tmx(
            '<tu><tuv xml:lang="en"><seg>Before <xi:include xmlns:xi="http://www.w3.org/2001/XInclude"'
            ' href="/etc/passwd" parse="text"/> after.</seg></tuv>\n'
            '<tuv xml:lang="es"><seg>Hola.</seg></tuv></tu>\n'
        ),
    )
    # PO
    write(
        "po/language-path.po",
        PO_HEAD.format(charset="UTF-8", lang="../../victim/notes")
        + 'msgid "Hello."\nmsgstr "Hola."\n',
    )
    write(
        "po/charset-rot13.po",
        PO_HEAD.format(charset="rot13", lang="es") + 'msgid "Hello."\nmsgstr "Hola."\n',
    )
    write(
        "po/whitespace-msgstr.po",
        PO_HEAD.format(charset="UTF-8", lang="es")
        + 'msgid "Hello there."\nmsgstr "Hola."\n\nmsgid "Blank one."\nmsgstr "   "\n\n'
        + 'msgid "Last one."\nmsgstr "El último."\n',
    )
    write(
        "po/unterminated.po",
        PO_HEAD.format(charset="UTF-8", lang="es") + 'msgid "Hello.\nmsgstr "Hola."\n',
    )
    # XLIFF
    write(
        "xliff/internal-entity.xlf",
        xlf(unit("1", "Hello &leak;.", "Hola."), INTERNAL.replace("{root}", "xliff")),
    )
    write("xliff/billion-laughs.xlf", xlf(unit("1", "&lol9;", "Hola."), laughs("xliff")))
    write(
        "xliff/external-entity.xlf",
        xlf(unit("1", "Hello &xxe;.", "Hola."), XXE.replace("{root}", "xliff")),
    )
    write(
        "xliff/deep-nesting.xlf",
        xlf(unit("1", '<g id="1">' * 5000 + "Deep." + "</g>" * 5000, "Hondo.")),
    )
    write(
        "xliff/huge-attribute.xlf",
        xlf(unit("u" * 300_000, "Hello there.", "Hola.") + unit("2", "Second one.", "Segunda.")),
    )
    write("xliff/huge-language.xlf", xlf(unit("1", "Hello.", "Hola."), tgt="es-" + "x" * 200_000))
    write(
        "xliff/path-like-ids.xlf",
        xlf(
            unit("../../victim/notes", "Hello there.", "Hola.")
            + unit("/tmp/evil", "Second one.", "Segunda."),
            original="../../../victim/notes.txt",
        ),
    )
    write(
        "xliff/path-like-target-language.xlf",
        xlf(unit("1", "Hello.", "Hola."), tgt="../../victim/notes"),
    )
    write(
        "xliff/xliff20-path-like-source-language.xlf",
        DECL
        + '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="/tmp/x" '
        'trgLang="es">\n<file id="f1"><unit id="1"><segment><source>Hello.</source>'
        "<target>Hola.</target></segment></unit></file>\n</xliff>\n",
    )
    write("xliff/wrong-root.xlf", DECL + "<html><body>not xliff</body></html>\n")
    # TBX
    write(
        "tbx/internal-entity.tbx",
        tbx(entry("c1", "&leak;", "fuga"), INTERNAL.replace("{root}", "tbx")),
    )
    write("tbx/billion-laughs.tbx", tbx(entry("c1", "&lol9;", "risa"), laughs("tbx")))
    write("tbx/language-path.tbx", tbx(entry("c1", "treaty", "tratado", "../../victim/notes")))
    write(
        "tbx/deep-nesting.tbx",
        tbx(
            '<conceptEntry id="c1">'
            + "<note>" * 5000
            + "x"
            + "</note>" * 5000
            + "</conceptEntry>\n"
        ),
    )
    write("tbx/malformed.tbx", tbx(entry("c1", "treaty", "tratado").replace("</termSec>", "", 1)))
    write(
        "tbx/formula-terms.tbx",
        tbx(entry("c1", "=cmd|' /C calc'!A0", "+1+1") + entry("c2", "@SUM(A1)", "tratado")),
    )
    # glossary CSV
    write(
        "csv/language-path.csv",
        "concept_id,subject_field,lang,term,status,note\nc1,law,en,treaty,preferred,\nc1,law,../../victim/notes,tratado,preferred,\n",
    )
    write(
        "csv/formula-cells.csv",
        'concept_id,subject_field,lang,term,status,note\nc1,law,en,"=HYPERLINK(""http://x"")",preferred,\nc1,law,es,-2+3,preferred,\n',
    )
    write(
        "csv/huge-field.csv",
        "concept_id,subject_field,lang,term,status,note\nc1,law,en,treaty,preferred,\nc1,law,es,"
        + "t" * 200_000
        + ",preferred,\n",
    )
    write(
        "csv/nul-byte.csv",
        "concept_id,subject_field,lang,term,status,note\nc1,law,en,tre\x00aty,preferred,\nc1,law,es,tratado,preferred,\n",
    )
    write(
        "csv/unbalanced-quote.csv",
        'concept_id,subject_field,lang,term,status,note\nc1,law,en,"treaty,preferred,\nc1,law,es,tratado,preferred,\n',
    )
    # XCES (doc-*: the English document; align-*: the en-es alignment of a small project)
    write(
        "xces/doc-internal-entity.xml",
        xces_doc(
            '<p id="1"><s id="1:1">&leak;</s><s id="1:2">Two.</s></p>\n',
            INTERNAL.replace("{root}", "document"),
        ),
    )
    write(
        "xces/doc-deep-nesting.xml",
        xces_doc('<p id="1"><s id="1:1">' + "<b>" * 5000 + "x" + "</b>" * 5000 + "</s></p>\n"),
    )
    write(
        "xces/doc-segment-id-path.xml",
        xces_doc('<p id="1"><s id="../../x">One.</s><s id="1:2">Two.</s></p>\n'),
    )
    write(
        "xces/align-billion-laughs.xml",
        xces_align(GOOD_LINKS.replace("auto", "&lol9;", 1), laughs("cesAlign")),
    )
    write(
        "xces/align-bad-xtargets.xml",
        xces_align(
            '<link xtargets="9:9;1:1" type="1-1"/>\n<link xtargets="1:2;1:2" type="1-1"/>\n'
        ),
    )
    write(
        "xces/align-doc-path.xml",
        xces_align(GOOD_LINKS, from_doc="../../../etc/passwd", to_doc="/etc/shadow"),
    )
    # project manifests (workbench.toml of a small project)
    write("manifest/name-traversal.toml", manifest(name="../../victim"))
    write("manifest/tmx-path-climbs.toml", manifest(tmx="../../victim"))
    write("manifest/alignments-absolute.toml", manifest(alignments="/tmp/alignments"))
    write("manifest/document-outside.toml", manifest(en="/etc/passwd"))
    write("manifest/paths-not-a-table.toml", 'paths = "oops"\n' + manifest().split("[paths]")[0])
    write(
        "manifest/lang-codes-not-a-table.toml",
        manifest().replace(
            '[export.lang_codes]\nen = "en-US"\nes = "es-ES"\n', '[export]\nlang_codes = "zz"\n'
        ),
    )
    write(
        "manifest/deep-arrays.toml",
        manifest() + "\n[extra]\ndeep = " + "[" * 5000 + "]" * 5000 + "\n",
    )
    write("manifest/malformed.toml", manifest().replace('pivot = "en"', "pivot = en"))
    # batch manifests (JSON Lines; texts/en.txt and texts/es.txt sit beside them in the test)
    good = {"id": "good", "pivot": "en", "documents": {"en": "en.txt", "es": "es.txt"}}
    write(
        "batch/one-bad-line.jsonl",
        json.dumps(good) + "\n{not json\n" + json.dumps({**good, "id": "good2"}) + "\n",
    )
    write("batch/id-path.jsonl", json.dumps({**good, "id": "../../victim"}) + "\n")
    write(
        "batch/language-path.jsonl",
        json.dumps({**good, "documents": {"en": "en.txt", "../../victim/x": "es.txt"}}) + "\n",
    )
    write("batch/deep-json.jsonl", "[" * 100_000 + "]" * 100_000 + "\n")
    # SRX rule files (as <lang>.srx in a --rules folder)
    srx_head = (
        DECL
        + '<srx version="2.0" xmlns="http://www.lisa.org/srx20">\n'
        + '<header segmentsubflows="yes" cascade="no"/>\n'
        '<body>\n<languagerules><languagerule languagerulename="en"><rule break="yes">'
        "<beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule></languagerules>\n"
    )
    write(
        "srx/bad-pattern.srx",
        srx_head
        + '<maprules><languagemap languagepattern="(" languagerulename="en"/></maprules>\n'
        + "</body>\n</srx>\n",
    )
    write(
        "srx/entity.srx",
        srx_head.replace(DECL, DECL + INTERNAL.replace("{root}", "srx")).replace(
            "\\.</beforebreak>", "&leak;</beforebreak>"
        )
        + '<maprules><languagemap languagepattern=".*" languagerulename="en"/></maprules>\n'
        + "</body>\n</srx>\n",
    )


if __name__ == "__main__":
    build()
