"""Code spans in segment text: runs, the visible text the aligner and matcher see, plain text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.inline import (
    CLOSE,
    OPEN,
    Code,
    CodeKind,
    codes,
    display,
    encode,
    from_display,
    join,
    missing_codes,
    plain,
    runs,
    visible,
    visible_map,
)

BOLD_ON = Code(CodeKind.OPENING, "1", "<b>", "bpt")
BOLD_OFF = Code(CodeKind.CLOSING, "1", "</b>", "ept")
BREAK = Code(CodeKind.STANDALONE, "2", "<br/>", "ph")
VARIABLE = Code(CodeKind.STANDALONE, "3", "%s", "ph")


def test_a_term_split_by_formatting_reads_whole() -> None:
    text = join(["information ", BOLD_ON, "security", BOLD_OFF, " matters"])
    assert visible(text) == "information security matters"
    assert codes(text) == [BOLD_ON, BOLD_OFF]


def test_a_placeholder_between_words_reads_as_a_space() -> None:
    assert visible(join(["detector.2", BREAK, "Touch"])) == "detector.2 Touch"
    assert visible(join(["This is", BREAK, "a paragraph"])) == "This is a paragraph"


def test_a_code_between_spaces_leaves_one_space() -> None:
    assert visible(join(["Two ", VARIABLE, " lines"])) == "Two lines"
    assert visible(join(["end ", BOLD_ON, "."])) == "end ."


def test_visible_offsets_point_back_into_the_text() -> None:
    text = join(["Press ", BOLD_ON, "Save", BOLD_OFF, "."])
    seen, offsets = visible_map(text)
    assert seen == "Press Save."
    start = seen.index("Save")
    assert text[offsets[start] : offsets[start] + 4] == "Save"


def test_plain_text_keeps_placeholders_and_drops_formatting() -> None:
    text = join(["Delete ", VARIABLE, " files? ", BOLD_ON, "Yes", BOLD_OFF])
    assert plain(text) == "Delete %s files? Yes"


def test_a_span_this_module_did_not_write_stays_text() -> None:
    text = f"a{OPEN}not json{CLOSE}b"
    assert runs(text) == ["a", f"{OPEN}not json{CLOSE}", "b"]


_code = st.builds(
    Code,
    st.sampled_from(list(CodeKind)),
    st.text(max_size=4),
    st.text(max_size=8),
    st.sampled_from(["bpt", "ept", "ph", "g", "x", "pc"]),
    st.text(max_size=3),
    st.booleans(),
)
_text = st.text(alphabet=st.characters(blacklist_characters=OPEN + CLOSE), min_size=1, max_size=8)


@given(st.lists(st.one_of(_text, _code), max_size=8))
def test_runs_give_back_what_join_was_given(parts: list[str | Code]) -> None:
    merged: list[str | Code] = []
    for part in parts:  # adjacent texts come back as one run
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    assert runs(join(parts)) == merged


def test_display_numbers_codes_and_pairs_share_a_number() -> None:
    text = join(["Press ", BOLD_ON, "Save", BOLD_OFF, " or ", VARIABLE, "."])
    shown = display(text)
    assert shown.text == "Press ⟨1⟩Save⟨/1⟩ or ⟨2/⟩."
    assert [shown.text[a:b] for a, b in shown.chips] == ["⟨1⟩", "⟨/1⟩", "⟨2/⟩"]
    raw_save = text.index("Save")
    assert shown.text[shown.offsets[raw_save] :].startswith("Save")
    assert shown.offsets[len(text)] == len(shown.text)


def test_an_edited_display_text_gets_its_codes_back_where_they_were_moved() -> None:
    text = join(["Press ", BOLD_ON, "Save", BOLD_OFF, "."])
    shown = display(text)
    edited = "⟨1⟩Pulse⟨/1⟩ Guardar."
    assert from_display(edited, shown.labels) == join([BOLD_ON, "Pulse", BOLD_OFF, " Guardar."])


def test_an_edit_that_loses_or_invents_a_tag_is_refused() -> None:
    shown = display(join(["Press ", BOLD_ON, "Save", BOLD_OFF, "."]))
    with pytest.raises(ValueError, match="⟨/1⟩ is missing"):
        from_display("Press ⟨1⟩Save.", shown.labels)
    with pytest.raises(ValueError, match="2 times"):
        from_display("⟨1⟩⟨1⟩Save⟨/1⟩", shown.labels)
    with pytest.raises(ValueError, match="⟨3/⟩ is not a tag"):
        from_display("⟨1⟩Save⟨/1⟩⟨3/⟩", shown.labels)


def test_text_without_codes_displays_as_it_is() -> None:
    shown = display("Plain text.")
    assert shown.text == "Plain text." and shown.chips == () and shown.labels == {}
    assert from_display("Edited.", shown.labels) == "Edited."


def test_missing_codes_are_the_sources_codes_the_target_lacks_in_order() -> None:
    source = join(["Press ", BOLD_ON, "Save", BOLD_OFF, " now", BREAK])
    target = join(["Pulse Guardar", BREAK])
    assert missing_codes(source, target) == [encode(BOLD_ON), encode(BOLD_OFF)]


def test_a_code_is_the_same_by_role_and_id_whatever_its_markup() -> None:
    source = join([BOLD_ON, "Save", BOLD_OFF])
    other_markup = Code(CodeKind.OPENING, "1", "<strong>", "bpt")
    assert missing_codes(source, join([other_markup, "x"])) == [encode(BOLD_OFF)]


def test_a_code_the_source_has_twice_is_missing_once_when_the_target_has_it_once() -> None:
    source = join(["a", BREAK, "b", BREAK])
    assert missing_codes(source, join(["a", BREAK, "b"])) == [encode(BREAK)]


def test_optional_labels_may_be_left_out_but_not_doubled() -> None:
    shown = display(join(["Save", BREAK]))
    extra = {"\u27e85\u27e9": encode(BOLD_ON)}
    assert from_display(shown.text, shown.labels, extra) == join(["Save", BREAK])
    with_it = "\u27e85\u27e9" + shown.text
    assert from_display(with_it, shown.labels, extra) == join([BOLD_ON, "Save", BREAK])
    with pytest.raises(ValueError, match="2 times"):
        from_display(with_it + "\u27e85\u27e9", shown.labels, extra)
