"""md_escape output renders as the literal text in a CommonMark parser and past Streamlit's text rewrites."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from geo.textsafe import WORD_JOINER, html_escape, md_escape, one_line, safe_url, shorten
from tests.fuzz import examples

# A CommonMark parser with GFM tables and strikethrough, independent of the code under test.
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])

# The rewrites Streamlit 1.67's Markdown applies to parsed text nodes, copied from its frontend bundle
# (static/js/StreamlitMarkdown.*.js; remark-emoji): none of them may find anything in escaped text.
STREAMLIT_TEXT_REWRITES = {
    "autolink literal": re.compile(r"(https?:\/\/|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.I),
    "autolink email": re.compile(r"(?<![-.\w+])([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)"),
    "emoji shortcode": re.compile(r":\+1:|:-1:|:[\w-]+:"),
    "streamlit logo": re.compile(r":streamlit:"),
    "material icon": re.compile(r":material_(\w+):"),
    "arrows": re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"),
}

HOSTILE = [
    "[Verify account](https://evil.example/phish)",
    "![px](http://127.0.0.1:9/track.png)",
    "![i](http://127.0.0.1:9/p.png)=1",
    "$x^2$ and $$\\int_0^1 x\\,dx$$",
    ":red[x] :blue-background[y] :small[z] :help[?]",
    "<img src=x onerror=alert(1)><script>alert(2)</script>",
    "**bold** _em_ ~~del~~ `code` <b>b</b>",
    "# heading",
    "- item",
    "1. item",
    "> quote",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "see www.evil.example or https://evil.example or mail a.b@evil.example",
    ":smile: :streamlit: :material/home: :material_home:",
    "a -> b <- c <-> d -- e >= f <= g ~= h",
    "&amp; &lt;b&gt; &#x3C;img&#x3E;",
    "[ref]: https://evil.example\n[x][ref]",
    "<https://evil.example>",
    "line one\nline two\r\n\tline three",
    "\\[not a link\\](x) \\$ trailing \\",
    "\u202eevil\u202c text",
    "国函〔2022〕8号 · 义乌市 (Yiwu)",
]


def rendered(markdown: str) -> str:
    """The text a reader sees, after asserting the HTML holds nothing but one paragraph of text."""
    out = MD.render(markdown)
    if not out:
        return ""
    match = re.fullmatch(r"<p>([^<]*)</p>\n", out)
    assert match, f"markup came out of {markdown!r}: {out!r}"
    return html.unescape(match.group(1))


def assert_literal(value: str) -> None:
    source = md_escape(value)
    assert ":material/" not in source, "Streamlit rewrites this in the Markdown source itself"
    text = rendered(source)
    for name, pattern in STREAMLIT_TEXT_REWRITES.items():
        assert not pattern.search(text), f"Streamlit would rewrite {name} in {text!r}"
    assert text.replace(WORD_JOINER, "") == one_line(value)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_renders_as_exactly_that_text(value):
    assert_literal(value)


@settings(max_examples=examples(500), deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \n\t") + ["http://", "www.", ":smile:"]),
            st.text(max_size=4),
        ),
        max_size=30,
    ).map("".join)
)
def test_any_text_renders_literally(value):
    assert_literal(value)


def test_plain_text_is_left_alone():
    for value in ("Yiwu", "义乌市", "Guangdong 2022"):
        assert md_escape(value) == value


def test_invisible_joiners_only_where_streamlit_would_rewrite():
    assert WORD_JOINER not in md_escape("Note: at 12:30, see p. 3 (a-b) x@ and x = y")
    for rewritten in ("http://x.cn", "www.x.cn", "a@b.cn", ":smile:", "a -> b"):
        assert WORD_JOINER in md_escape(rewritten), rewritten


def test_one_line_drops_controls_and_bidi_overrides_but_keeps_emoji_joiners():
    assert one_line("a\nb\r\n\tc\x00d\u202ee") == "a b cde"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert one_line(family) == family


def test_html_escape_leaves_no_tag_and_no_line_break():
    out = html_escape('<img src=x onerror="alert(1)">\n<b>x</b>')
    assert "<" not in out and ">" not in out and '"' not in out and "\n" not in out
    assert html.unescape(out) == '<img src=x onerror="alert(1)"> <b>x</b>'


def test_safe_url_takes_only_plain_web_links():
    assert safe_url("https://www.gov.cn/x.htm") == "https://www.gov.cn/x.htm"
    for bad in ("javascript:alert(1)", "data:text/html,x", "https://a b", "ftp://x", "", None):
        assert safe_url(bad) is None


def test_shorten_cuts_with_an_ellipsis():
    assert shorten("x" * 50, 40) == "x" * 39 + "…"
    assert shorten("short", 40) == "short"
