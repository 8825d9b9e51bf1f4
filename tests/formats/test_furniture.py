"""Page furniture out, text whole: the rules on positioned lines, without a PDF."""

from __future__ import annotations

from workbench.formats.furniture import Line, Page, clean_pages, find_furniture

WIDTH, HEIGHT = 595.0, 842.0
LEFT, RIGHT = 72.0, 523.0


def line(
    text: str,
    top: float,
    x0: float = LEFT,
    x1: float | None = None,
    size: float = 10.0,
    marks: tuple[tuple[int, int], ...] = (),
) -> Line:
    """A line whose right end is about where its characters reach (5 pt a character)."""
    end = x1 if x1 is not None else min(RIGHT, x0 + 5.0 * len(text))
    return Line(text, x0, end, top, top + size, size, marks)


def body(tops: list[float], texts: list[str]) -> list[Line]:
    return [line(t, top) for top, t in zip(tops, texts, strict=True)]


def full(text: str, top: float, x0: float = LEFT, x1: float = RIGHT, size: float = 10.0) -> Line:
    return Line(text, x0, x1, top, top + size, size)


def page(number: int, lines: list[Line], rules: tuple[float, ...] = ()) -> Page:
    return Page(number, WIDTH, HEIGHT, tuple(lines), rules)


def paragraphs_of(pages: list[Page], lang: str = "en", **options: bool) -> list[str]:
    return clean_pages(pages, lang, **options).paragraphs


def test_a_running_header_repeated_on_every_page_is_removed() -> None:
    pages = [
        page(n, [line("A/RES/73/27 Developments in ICT", 40), full("Body text of page.", 200)])
        for n in (1, 2, 3)
    ]
    cleaned = clean_pages(pages, "en")
    assert all("Developments" not in p for p in cleaned.paragraphs)
    assert [r.page for r in cleaned.removed] == [1, 2, 3]


def test_a_header_line_seen_on_one_page_only_is_kept() -> None:
    pages = [
        page(1, [line("Distribution: general", 40), full("Body one.", 200)]),
        page(2, [line("Another heading", 40), full("Body two.", 200)]),
        page(3, [line("Third heading", 40), full("Body three.", 200)]),
    ]
    found = find_furniture(pages)
    assert found == {}


def test_a_footer_whose_number_follows_the_page_is_removed() -> None:
    pages = [
        page(n, [full("Body.", 200), line(f"Report of the Council, page {n + 4}", 800)])
        for n in (1, 2, 3)
    ]
    reasons = {reason for reason in find_furniture(pages).values()}
    assert reasons == {"running footer"}


def test_numbered_top_lines_that_do_not_follow_the_pages_are_kept() -> None:
    # "Article 5" at the top of page 1, "Article 9" of page 2: not a running header.
    pages = [
        page(1, [line("Article 5", 40), full("Text.", 200)]),
        page(2, [line("Article 9", 40), full("Text.", 200)]),
        page(3, [line("Article 12", 40), full("Text.", 200)]),
    ]
    assert find_furniture(pages) == {}


def test_page_numbers_are_removed_even_on_a_single_page() -> None:
    for number in ("3", "- 3 -", "3/10", "Page 3 of 10", "Стр. 3", "第3页"):
        pages = [page(1, [full("Body.", 200), line(number, 800)])]
        assert find_furniture(pages) == {(0, 1): "page number"}, number


def test_the_un_symbol_block_and_job_number_are_removed_on_a_single_page() -> None:
    pages = [
        page(
            1,
            [
                line("A/61/1005–S/2006/472", 40),
                line("15 June 2006", 40, x0=460),
                full("Body.", 200),
                line("06-41234 (E) 150706", 800),
                line("*0641234*", 812),
            ],
        )
    ]
    cleaned = clean_pages(pages, "en")
    assert cleaned.paragraphs == ["Body."]
    assert [r.reason for r in cleaned.removed] == [
        "UN document symbol",
        "UN document symbol",
        "UN job number",
        "UN job number",
    ]


def test_keep_furniture_keeps_everything() -> None:
    pages = [page(n, [line("Header", 40), full("Body.", 200)]) for n in (1, 2)]
    cleaned = clean_pages(pages, "en", remove_furniture=False)
    assert cleaned.removed == []
    assert "Header" in " ".join(cleaned.paragraphs)


def test_wrapped_lines_are_joined_and_a_short_line_ends_the_paragraph() -> None:
    lines = [
        full("The heads of state believe that information", 100),
        full("technology opens up huge potentials for", 112),
        line("development.", 124),
        full("Meanwhile, the heads of state express concern", 136),
        line("over the threat.", 148),
    ]
    assert paragraphs_of([page(1, lines)]) == [
        "The heads of state believe that information technology opens up huge potentials "
        "for development.",
        "Meanwhile, the heads of state express concern over the threat.",
    ]


def test_a_wide_gap_between_lines_starts_a_paragraph() -> None:
    lines = [full("First paragraph ends with a full line", 100), full("Second one", 140)]
    assert len(paragraphs_of([page(1, lines)])) == 2


def test_a_paragraph_goes_on_across_the_page_break() -> None:
    pages = [
        page(1, [full("The sentence runs to the foot of the page and", 700)]),
        page(2, [line("ends on the next one.", 100)]),
    ]
    assert paragraphs_of(pages) == [
        "The sentence runs to the foot of the page and ends on the next one."
    ]


def test_two_columns_are_read_column_by_column() -> None:
    left = [full(f"left {n}", 100 + 12 * n, x0=72, x1=290) for n in range(4)]
    right = [full(f"right {n}", 100 + 12 * n, x0=305, x1=523) for n in range(4)]
    title = line("A title across both columns", 70, x0=200, x1=400)
    text = " ".join(paragraphs_of([page(1, [title, *right, *left])]))
    assert text.index("title") < text.index("left 0") < text.index("left 3")
    assert text.index("left 3") < text.index("right 0") < text.index("right 3")


def test_footnotes_become_paragraphs_after_the_body() -> None:
    opening = "The heads of state of the member states met in Shanghai and made a statement."
    lines = [
        full(opening, 88),
        Line("The statement was adopted.1", LEFT, 210, 100, 110, 10.0, ((26, 27),)),
        Line("1 Adopted at the summit of 15 June 2006.", LEFT, 300, 760, 768, 8.0),
        Line("2 See resolution 60/45.", LEFT, 200, 770, 778, 8.0),
    ]
    cleaned = clean_pages([page(1, lines)], "en")
    assert cleaned.paragraphs == [opening + " The statement was adopted."]
    assert cleaned.footnotes == [
        "1 Adopted at the summit of 15 June 2006.",
        "2 See resolution 60/45.",
    ]
    assert cleaned.all_paragraphs("drop") == cleaned.paragraphs
    assert ("1", "footnote mark") in {(r.text, r.reason) for r in cleaned.removed}


def test_small_print_at_the_foot_without_a_note_number_stays_in_the_body() -> None:
    lines = [
        full("The body of the page, in the size of most of its characters.", 100),
        Line("Printed on recycled paper", LEFT, 200, 760, 768, 8.0),
    ]
    cleaned = clean_pages([page(1, lines)], "en")
    assert cleaned.footnotes == []


def test_a_line_end_hyphen_is_joined_when_the_word_exists() -> None:
    lines = [full("the development of infor-", 100), line("mation technology.", 112)]
    assert paragraphs_of([page(1, lines)]) == ["the development of information technology."]


def test_a_line_end_hyphen_of_a_russian_compound_is_kept() -> None:
    lines = [full("в преступных и военно-", 100), line("политических целях.", 112)]
    assert paragraphs_of([page(1, lines)], "ru") == ["в преступных и военно-политических целях."]


def test_chinese_lines_are_joined_without_a_space() -> None:
    lines = [
        Line("信息通信技术渗透到人类活动的各个领域，", LEFT, RIGHT, 100, 110.5, 10.5),
        Line("形成了全球信息系统。", LEFT, 180, 113, 123.5, 10.5),
    ]
    assert paragraphs_of([page(1, lines)], "zh") == [
        "信息通信技术渗透到人类活动的各个领域，形成了全球信息系统。"
    ]


def test_a_heading_broken_by_hand_goes_on_when_the_next_line_opens_in_lowercase() -> None:
    lines = [
        line("Resolution adopted by the General Assembly", 100),
        line("on 4 December 2023", 112),
        full("The General Assembly, recalling its resolutions of the past years and", 136),
        line("the reports.", 148),
    ]
    assert paragraphs_of([page(1, lines)]) == [
        "Resolution adopted by the General Assembly on 4 December 2023",
        "The General Assembly, recalling its resolutions of the past years and the reports.",
    ]


def test_a_figure_goes_on_after_a_lowercase_word_but_not_after_a_clause() -> None:
    lines = [
        line("General and complete disarmament: follow-up to the", 100),
        line("2013 high-level meeting on nuclear disarmament", 112),
        line("Agenda item 99 (aa),", 136),
        line("2013 high-level meeting", 148),
    ]
    assert paragraphs_of([page(1, lines)]) == [
        "General and complete disarmament: follow-up to the 2013 high-level meeting on "
        "nuclear disarmament",
        "Agenda item 99 (aa),",
        "2013 high-level meeting",
    ]


def test_a_short_line_before_a_capitalised_one_still_ends_the_paragraph() -> None:
    lines = [
        line("Seventy-eighth session", 100),
        line("Agenda item 99 (aa)", 112),
        full("A full line of the body sets the right margin of the page for the rest", 136),
    ]
    assert paragraphs_of([page(1, lines)])[:2] == ["Seventy-eighth session", "Agenda item 99 (aa)"]


def test_a_numbered_item_after_a_lowercase_word_starts_its_own_paragraph() -> None:
    lines = [
        line("The Assembly decides the following", 100),
        line("1. to convene a conference;", 112),
        full("A full line of the body sets the right margin of the page for the rest", 136),
    ]
    assert paragraphs_of([page(1, lines)])[:2] == [
        "The Assembly decides the following",
        "1. to convene a conference;",
    ]
