"""Title rules on small hand-written candidates: one rule per test."""

from __future__ import annotations

from newsdesk.extract.html._titles import choose_title, strip_site


def test_heading_with_question_marks_for_lost_characters_gives_the_meta_title() -> None:
    chosen = choose_title(
        page_title="Basics of event planning: Beginner's Guide",
        meta_titles=["Basics of event planning: Beginner's Guide"],
        h1s=["Basics of event planning? Beginner? Guide"],
        site_names=[],
    )
    assert chosen == "Basics of event planning: Beginner's Guide"


def test_heading_with_a_real_question_mark_stays() -> None:
    chosen = choose_title(
        page_title="Is the bridge safe? | Foo",
        meta_titles=[],
        h1s=["Is the bridge safe?"],
        site_names=["Foo"],
    )
    assert chosen == "Is the bridge safe?"


def test_label_in_front_of_the_heading_is_dropped() -> None:
    chosen = choose_title(
        page_title="Best coffee grinders of the year | Foo",
        meta_titles=["Best coffee grinders of the year | Foo"],
        h1s=["Blog: Best coffee grinders of the year"],
        site_names=["Foo"],
    )
    assert chosen == "Best coffee grinders of the year"


def test_date_in_front_of_the_heading_is_dropped() -> None:
    chosen = choose_title(
        page_title=None,
        meta_titles=["Preparing a transition in the archive"],
        h1s=["Dec 18 2025 Preparing a transition in the archive"],
        site_names=[],
    )
    assert chosen == "Preparing a transition in the archive"


def test_words_in_front_that_are_not_a_label_stay() -> None:
    chosen = choose_title(
        page_title=None,
        meta_titles=["Software price guide and hourly rates"],
        h1s=["2025 Software price guide and hourly rates"],
        site_names=[],
    )
    assert chosen == "2025 Software price guide and hourly rates"


def test_site_name_after_the_heading_is_dropped() -> None:
    chosen = choose_title(
        page_title="Critics’ Choice: the best exhibitions – Artfoo - Artfoo",
        meta_titles=[],
        h1s=["Critics’ Choice: the best exhibitions – Artfoo"],
        site_names=["Artfoo"],
    )
    assert chosen == "Critics’ Choice: the best exhibitions"


def test_cut_jsonld_headline_gives_way_to_the_whole_title() -> None:
    whole = (
        "Fix It Friday: struggling with how to arrange your living room? "
        "We help four readers find solutions"
    )
    chosen = choose_title(
        page_title=f"{whole} (with one universal trick) - Foo",
        meta_titles=[f"{whole} (with", f"{whole} (with one universal trick) - Foo"],
        h1s=[],
        site_names=["Foo"],
    )
    assert chosen == f"{whole} (with one universal trick)"


def test_short_meta_title_that_another_continues_is_not_a_cut() -> None:
    chosen = choose_title(
        page_title="Recent trends in photography today | Foo",
        meta_titles=["Recent trends in photography", "Recent trends in photography today"],
        h1s=[],
        site_names=["Foo"],
    )
    assert chosen == "Recent trends in photography"


def test_heading_that_is_the_blog_name_in_the_page_title_is_not_the_headline() -> None:
    chosen = choose_title(
        page_title="Engora Data Blog: Small adventures with small language models",
        meta_titles=["Small adventures with small language models"],
        h1s=["Engora Data Blog", "Small is the new large"],
        site_names=[],
    )
    assert chosen == "Small adventures with small language models"


def test_headline_is_not_taken_for_a_site_name_when_the_meta_title_is_the_site() -> None:
    chosen = choose_title(
        page_title="Which mower suits which lawn size? | Robomow",
        meta_titles=["Robomow"],
        h1s=["Which mower suits which lawn size?"],
        site_names=["Robomow"],
    )
    assert chosen == "Which mower suits which lawn size?"


def test_headline_before_a_tagline_and_the_site_in_a_piped_title() -> None:
    assert strip_site("Best movers in town 2025 | Top 19 firms | Foo", ["Foo"]) == (
        "Best movers in town 2025"
    )
    assert strip_site("Sleep tips for babies and toddlers | Patient Education | Foo", []) == (
        "Sleep tips for babies and toddlers"
    )


def test_short_section_label_before_the_headline_stays_in_a_piped_title() -> None:
    assert strip_site("World | Ministers agree | Foo", ["Foo"]) == "World | Ministers agree"
    assert strip_site("Opinion | Why the bridge must go | Foo", ["Foo"]) == (
        "Opinion | Why the bridge must go"
    )


def test_heading_with_the_tagline_gives_way_to_the_headline_cut_at_the_pipe() -> None:
    chosen = choose_title(
        page_title="Best movers in town 2025 | Top 19 firms | Foo",
        meta_titles=["Best movers in town 2025 | Top 19 firms"],
        h1s=["Best movers in town 2025 | Top 19 firms"],
        site_names=["Foo"],
    )
    assert chosen == "Best movers in town 2025"


def test_heading_that_continues_a_cut_page_title_stays() -> None:
    chosen = choose_title(
        page_title="How to replace brake pads - From a certified mechanic",
        meta_titles=[],
        h1s=["How to replace brake pads - From a certified mechanic"],
        site_names=[],
    )
    assert chosen == "How to replace brake pads - From a certified mechanic"
