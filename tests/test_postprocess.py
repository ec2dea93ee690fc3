"""leaflets/render/postprocess.py on small tagged PDFs made here: margin content becomes Artifacts, dt/dd groups
become list items with a label and a body, a wrapped link is one Link element, table headers get
their scope and an ID tree, and the same input gives the same bytes."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pdfstructure import Element, pdf_ua_parts, read_tagged
from weasyprint import HTML

from leaflets.render.postprocess import finish

PAGE = """<html lang="en"><head><title>T</title><style>
@page { size: A6; margin: 20mm 10mm; @bottom-center { content: "Page " counter(page) } }
body { font-family: sans-serif; font-size: 10pt }
</style></head><body>{body}</body></html>"""


def tagged(tmp_path: Path, body: str, finished: bool = True) -> Path:
    data = HTML(string=PAGE.replace("{body}", body)).write_pdf(pdf_variant="pdf/ua-1")
    path = tmp_path / ("finished.pdf" if finished else "raw.pdf")
    path.write_bytes(finish(data) if finished else data)
    return path


def kinds(element: Element) -> list[str]:
    return [e.kind for e in element.walk()]


def test_page_numbers_in_the_margin_become_artifacts(tmp_path: Path) -> None:
    raw = read_tagged(tagged(tmp_path, "<p>One</p><p style='break-before: page'>Two</p>", finished=False))
    assert raw.content_mcids - raw.tree_mcids  # WeasyPrint leaves the page numbers outside the tree
    done = read_tagged(tagged(tmp_path, "<p>One</p><p style='break-before: page'>Two</p>"))
    assert done.content_mcids == done.tree_mcids
    assert "Page" not in done.reading() and done.reading() == "One Two"


def test_a_dt_dd_group_becomes_one_list_item_with_label_and_body(tmp_path: Path) -> None:
    body = ("<dl><div><dt>plasma</dt><dd>The liquid part of blood.</dd></div>"
            "<div><dt>IVIG</dt><dd>A drip.</dd></div></dl>")
    root = read_tagged(tagged(tmp_path, body)).root
    (items,) = [e for e in root.walk() if e.kind == "L"]
    assert [i.kind for i in items.children] == ["LI", "LI"]
    assert [(k.kind, k.all_text()) for k in items.children[0].children] == [
        ("Lbl", "plasma"), ("LBody", "The liquid part of blood.")]


def test_a_link_wrapped_over_two_lines_is_one_link_element(tmp_path: Path) -> None:
    body = "<p style='width: 30mm'><a href='https://example.org/a'>a link long enough to wrap twice over</a></p>"
    root = read_tagged(tagged(tmp_path, body)).root
    links = [e for e in root.walk() if e.kind == "Link"]
    assert len(links) == 1 and links[0].all_text() == "a link long enough to wrap twice over"


def test_finishing_gives_the_same_bytes_every_time() -> None:
    data = HTML(string=PAGE.replace("{body}", "<dl><div><dt>a</dt><dd>b</dd></div></dl>")).write_pdf(
        pdf_variant="pdf/ua-1")
    once = finish(data)
    assert finish(data) == once


def test_an_untagged_pdf_is_left_as_it_is() -> None:
    data = HTML(string="<p>Plain</p>").write_pdf()
    assert finish(data) == data


def test_a_list_set_in_columns_is_one_list(tmp_path: Path) -> None:
    body = ("<dl style='columns: 2'>" + "".join(f"<div><dt>t{n}</dt><dd>d{n}</dd></div>" for n in range(4))
            + "</dl>")
    root = read_tagged(tagged(tmp_path, body)).root
    (items,) = [e for e in root.walk() if e.kind == "L"]
    assert [item.children[0].all_text() for item in items.children] == ["t0", "t1", "t2", "t3"]


def test_text_between_a_term_and_its_definition_stays_in_the_tree(tmp_path: Path) -> None:
    body = "<dl><div><dt>plasma</dt> <span>and</span> <dd>The liquid part of blood.</dd></div></dl>"
    tagged_pdf = read_tagged(tagged(tmp_path, body))
    assert tagged_pdf.content_mcids == tagged_pdf.tree_mcids
    assert tagged_pdf.reading() == "plasma The liquid part of blood. and"


def test_items_set_inline_keep_their_separators_inside_the_items(tmp_path: Path) -> None:
    body = ("<style>.row, dt, dd { display: inline } .row + .row::before { content: ' | ' }</style><dl>"
            + "\n".join(f"<div class='row'><dt>t{n}</dt><dd>d{n}</dd></div>" for n in range(3)) + "</dl>")
    tagged_pdf = read_tagged(tagged(tmp_path, body))
    (items,) = [e for e in tagged_pdf.root.walk() if e.kind == "L"]
    assert {kid.kind for kid in items.children} == {"LI"}
    assert tagged_pdf.content_mcids == tagged_pdf.tree_mcids


def test_the_pdf_ua_identifier_survives_and_the_check_sees_one_missing_or_wrong(tmp_path: Path) -> None:
    with pikepdf.open(tagged(tmp_path, "<p>One</p>")) as pdf:
        assert pdf_ua_parts(pdf) == ["1"]
        xmp = pdf.Root.Metadata.read_bytes()
        assert b'pdfuaid:part="1"' in xmp
        pdf.Root.Metadata.write(xmp.replace(b'pdfuaid:part="1"', b'pdfuaid:part="2"'))
        assert pdf_ua_parts(pdf) == ["2"]
        pdf.Root.Metadata.write(xmp.replace(b'pdfuaid:part="1"', b""))
        assert pdf_ua_parts(pdf) == []
        element = b"><pdfuaid:part>1</pdfuaid:part></rdf:Description>"
        pdf.Root.Metadata.write(xmp.replace(b' pdfuaid:part="1"/>', element))
        assert pdf_ua_parts(pdf) == ["1"]  # the element form says the same
        del pdf.Root.Metadata
        assert pdf_ua_parts(pdf) == []
    untagged = tmp_path / "plain.pdf"
    untagged.write_bytes(HTML(string="<p>Plain</p>").write_pdf())
    with pikepdf.open(untagged) as pdf:
        assert pdf_ua_parts(pdf) == []


TABLE = ("<table><thead><tr><td></td><th scope='col'>IVIG</th><th scope='col'>PLEX</th></tr></thead>"
         "<tbody><tr><th scope='row'>Time</th><td>5 days</td><td>2 weeks</td></tr></tbody></table>")


def table_cells(pdf: pikepdf.Pdf) -> tuple[list[pikepdf.Dictionary], pikepdf.NameTree]:
    """The TH and TD elements of the tables, in order, and the structure tree's IDTree."""
    found: list[pikepdf.Dictionary] = []

    def walk(node: pikepdf.Object) -> None:
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if kid.S in ("/TH", "/TD"):
                    found.append(kid)
                walk(kid)
    walk(pdf.Root.StructTreeRoot)
    return found, pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)


def test_table_header_cells_say_whether_they_head_a_column_or_a_row(tmp_path: Path) -> None:
    with pikepdf.open(tagged(tmp_path, TABLE)) as pdf:
        cells, _ = table_cells(pdf)
        assert [(c.S, c.A.get("/Scope")) for c in cells] == [
            ("/TD", None), ("/TH", "/Column"), ("/TH", "/Column"), ("/TH", "/Row"), ("/TD", None), ("/TD", None)]
        assert all(c.A.O == "/Table" for c in cells)  # the scope joins the cell's table attributes


def test_the_id_tree_leads_from_each_cells_headers_to_the_header_cells(tmp_path: Path) -> None:
    with pikepdf.open(tagged(tmp_path, TABLE)) as pdf:
        cells, ids = table_cells(pdf)
        heads = [c for c in cells if c.S == "/TH"]
        assert all(ids[str(c.ID)].objgen == c.objgen for c in heads)
        five_days = cells[4]
        assert [ids[str(key)].objgen for key in five_days.A.Headers] == [heads[2].objgen, heads[0].objgen]


def test_a_pdf_without_ids_gets_no_id_tree(tmp_path: Path) -> None:
    with pikepdf.open(tagged(tmp_path, "<p>No table</p>")) as pdf:
        assert "/IDTree" not in pdf.Root.StructTreeRoot
