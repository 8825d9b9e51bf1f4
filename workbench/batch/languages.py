"""Which language codes a batch accepts: BCP 47 tags whose language subtag is ISO 639-1."""

from __future__ import annotations

import re

# ISO 639-1 (the two-letter codes), as published by the ISO 639 Registration Authority.
_ISO_639_1_CODES = """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
    la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
    oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss
    st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo
    za zh zu
"""
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
# language[-script][-region][-variant...], e.g. en, zh-Hans, pt-BR, sr-Latn-RS.
_TAG_RE = re.compile(
    r"^(?P<lang>[A-Za-z]{2})(?:[-_][A-Za-z]{4})?(?:[-_](?:[A-Za-z]{2}|\d{3}))?"
    r"(?:[-_](?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*$"
)


def is_known_language(code: str) -> bool:
    """True when `code` is a well-formed tag whose language subtag is an ISO 639-1 code."""
    match = _TAG_RE.match(code)
    return match is not None and match.group("lang").lower() in ISO_639_1
