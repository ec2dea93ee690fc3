"""Nothing from input is injected into the HTML or CSS: a message catalog (a translation agency's
file) is text, never markup, and a font's name or file name cannot end the CSS string it is
written in. Each test tries one hostile input and looks at what would be published or printed."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import tinycss2
from conftest import ROOT, TODAY, edit

from leaflets.model.project import load_project
from leaflets.model.readability import Score
from leaflets.outputs.site import site_files
from leaflets.render.html import brand_css, environment, page_label_css, render_html
from leaflets.sources import i18n

LINK = '<a href="javascript:alert(document.cookie)">Cysylltu</a>'
IMAGE = "<img src=x onerror=alert(1)>"
BREAKOUT = '"); } body { background: url("https://evil.example/x"); } @import "https://evil.example/y'


def no_score(leaflet: object, quoted: object) -> Score:
    return Score(leaflet, 0, [], 0.0, 0.0, 0.0)  # type: ignore[arg-type]


def hostile_catalog(root: Path) -> Path:
    """The Welsh catalog with a script link for "Contact us" and an image beside the variables of
    the feedback sentence, in a project folder `root` of its own."""
    catalog = i18n.catalog_path(root, "cy")
    catalog.parent.mkdir(parents=True)
    shutil.copy(i18n.catalog_path(ROOT, "cy"), catalog)
    edit(catalog, 'msgstr "Cysylltu â ni"', 'msgstr "{}"'.format(LINK.replace('"', '\\"')))
    edit(catalog, '"Dywedwch wrthym', f'"{IMAGE} Dywedwch wrthym')
    return catalog


def welsh_page(content: Path, root: Path) -> str:
    """The HTML of the fixture leaflet written in Welsh, with the catalogs of `root`."""
    edit(content / "alpha.yaml", "  keywords: [test]\n", "  keywords: [test]\n  language: cy\n")
    project = dataclasses.replace(load_project(ROOT, content), root=root)
    return render_html(project, project.leaflets["alpha"], project.brands["testclinic"], TODAY,
                       environment(ROOT / "templates"))


def test_a_script_link_in_a_catalog_is_printed_as_text_not_made_a_link(content: Path, tmp_path: Path) -> None:
    hostile_catalog(tmp_path)
    html = welsh_page(content, tmp_path)
    assert "javascript:" not in re.sub(r"&lt;.*?&gt;", "", html)  # only inside the escaped, printed text
    assert '<a href="javascript' not in html and "<img src=x" not in html
    assert '&lt;a href=&#34;javascript:alert(document.cookie)&#34;&gt;Cysylltu&lt;/a&gt;' in html


def test_a_catalogs_variables_are_still_filled_in_beside_escaped_markup(content: Path, tmp_path: Path) -> None:
    hostile_catalog(tmp_path)
    feedback = welsh_page(content, tmp_path).split('<p class="feedback">')[1].split("</p>")[0]
    assert feedback.startswith("&lt;img src=x onerror=alert(1)&gt; Dywedwch wrthym")
    assert '<a dir="ltr" href="mailto:' in feedback and "TEST-ALPHA" in feedback  # the template's own link


def test_check_names_the_catalog_line_and_msgid_of_markup_in_a_translation(tmp_path: Path) -> None:
    catalog = hostile_catalog(tmp_path)
    found = i18n.catalog_markup(tmp_path)
    lines = catalog.read_text(encoding="utf-8").splitlines()
    assert [(p.file, p.field, lines[p.line - 1][:12]) for p in found] == \
        [("locale/cy/LC_MESSAGES/messages.po", "msgstr", 'msgstr "<a h'),
         ("locale/cy/LC_MESSAGES/messages.po", "msgstr", 'msgstr ""')]
    assert found[0].message.startswith("the translation of \"Contact us\" holds markup ('<a'")
    assert "Tell us what you think" in found[1].message and "'<i'" in found[1].message
    assert i18n.catalog_markup(ROOT) == []


def test_a_font_family_that_would_end_its_css_string_stays_inside_it(content: Path) -> None:
    brand = load_project(ROOT, content).brands["testclinic"]
    face = brand.fonts[0]
    hostile = dataclasses.replace(brand, fonts=(dataclasses.replace(face, family=BREAKOUT),))
    rules = tinycss2.parse_stylesheet(brand_css(hostile), skip_comments=True, skip_whitespace=True)
    assert [rule.type for rule in rules] == ["at-rule", "qualified-rule", "at-rule"]  # @font-face, :root, @page
    family = [d for d in tinycss2.parse_declaration_list(rules[0].content, True, True) if d.name == "font-family"]
    assert [token.value for token in family[0].value if token.type == "string"] == [BREAKOUT]


def test_a_font_file_name_that_would_end_the_sites_css_url_stays_inside_it(content: Path) -> None:
    project = load_project(ROOT, content)  # the name is passed straight in, past any check at load
    fonts = content / "brands" / "testclinic" / "fonts"
    named = fonts / 'x"); } * { background: url(https:' / "evil.example" / 'y) } a { b: url(".ttf'
    named.parent.mkdir(parents=True)
    shutil.copy(fonts / "AtkinsonHyperlegible-Regular.ttf", named)
    brand = project.brands["testclinic"]
    hostile = dataclasses.replace(brand, fonts=(dataclasses.replace(brand.fonts[0], path=named),))
    css = site_files(project, hostile, {}, TODAY, thumbnails=bytes, scores=no_score)["assets/brand.css"]
    rules = tinycss2.parse_stylesheet(css.decode(), skip_comments=True, skip_whitespace=True)
    assert [rule.type for rule in rules] == ["at-rule", "qualified-rule", "at-rule"]
    urls = [token for token in rules[0].content if token.type == "function" and token.name == "url"]
    assert [arg.value for url in urls for arg in url.arguments] == [
        "fonts/x%22%29%3B%20%7D%20%2A%20%7B%20background%3A%20url%28https%3A/evil.example/"
        "y%29%20%7D%20a%20%7B%20b%3A%20url%28%22.ttf"]
    assert (hostile.folder / "fonts" / "x\"); } * { background: url(https:").is_dir()


def test_a_page_label_translated_with_quotes_and_a_line_break_stays_one_css_string() -> None:
    css = page_label_css(lambda _: 'Tudalen %(page)s"; } @page { background: red } "\n o %(pages)s')
    rule = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    assert len(rule) == 1
    margin = [token for token in rule[0].content if token.type == "at-keyword"]
    assert [token.lower_value for token in margin] == ["bottom-right"]
