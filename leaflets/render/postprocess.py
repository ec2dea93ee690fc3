"""Finish a tagged PDF after WeasyPrint, for screen readers: one deterministic pass with pikepdf.

WeasyPrint 70 tags what it draws in page margins (running header, footer, page numbers) but leaves
those elements outside the structure tree; it tags each `dt` and `dd` as a list item of its own; and
a link that wraps onto a second line becomes two Link elements. This pass

- marks the margin content as pagination Artifacts, so it is not read on every page;
- turns each `dt`/`dd` group (a Div inside a list, which HTML allows only as a `dl` group) into one
  list item, the term as its label (Lbl) and the definition as its body (LBody), and a list set in
  columns (tagged as a list of one list per column) into one list, and moves anything else a list
  holds (spaces and separators between items set inline) into the item it follows;
- joins the pieces of a wrapped link into one Link element;
- gives each table header cell its Scope (Column or Row), which WeasyPrint leaves out, and the
  structure tree an IDTree naming every element that has an ID (WeasyPrint's table headers, which
  the data cells' Headers attributes refer to).

The same input gives the same bytes: nothing depends on the clock or on chance.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name

PAGINATION = Dictionary(Type=Name.Pagination)


def finish(data: bytes) -> bytes:
    """The PDF with the changes above; an untagged PDF comes back unchanged."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return data
        reached = _reachable(tree)
        detached = _detach_unreached(pdf, tree, reached)
        for number, page in enumerate(pdf.pages):
            if detached.get(number):
                _mark_as_artifacts(pdf, page, detached[number])
        for element in _elements(tree):
            if element.get("/S") == Name.L:
                _flatten_columns(element)
                _pair_definition_groups(element)
                _absorb_strays(element)
            _join_split_links(element)
            if element.get("/S") == Name.TH:
                _scope_header(element)
        _index_ids(pdf, tree)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _elements(node: pikepdf.Object) -> list[pikepdf.Dictionary]:
    """Every structure element under `node`, parents before children."""
    found = []
    for kid in _kids(node):
        if isinstance(kid, Dictionary) and "/S" in kid:
            found.append(kid)
            found += _elements(kid)
    return found


def _reachable(tree: pikepdf.Object) -> set[tuple[int, int]]:
    return {element.objgen for element in _elements(tree)}


def _detach_unreached(pdf: pikepdf.Pdf, tree: pikepdf.Object,
                      reached: set[tuple[int, int]]) -> dict[int, set[int]]:
    """Drop from the parent tree each MCID whose element the tree does not reach; return them by page."""
    by_page: dict[int, set[int]] = {}
    pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
    struct_parents = {int(page.StructParents): page.objgen for page in pdf.pages if "/StructParents" in page}
    nums = tree.ParentTree.Nums
    for i in range(0, len(nums), 2):
        key, value = int(nums[i]), nums[i + 1]
        if not isinstance(value, Array) or key not in struct_parents:
            continue
        page = pages[struct_parents[key]]
        for mcid, owner in enumerate(value):
            if isinstance(owner, Dictionary) and owner.objgen not in reached:
                by_page.setdefault(page, set()).add(mcid)
                value[mcid] = None
    return by_page


def _mark_as_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page, mcids: set[int]) -> None:
    """Rewrite `/Tag <</MCID n>> BDC` as `/Artifact <</Type /Pagination>> BDC` for these MCIDs."""
    instructions = []
    for given in pikepdf.parse_content_stream(page):
        operands, operator = given.operands, given.operator
        hidden = (operator == pikepdf.Operator("BDC") and isinstance(operands[1], Dictionary)
                  and int(operands[1].get("/MCID", -1)) in mcids)
        instructions.append(pikepdf.ContentStreamInstruction([Name.Artifact, PAGINATION], operator) if hidden
                            else given)
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def _flatten_columns(list_element: pikepdf.Dictionary) -> None:
    """A list laid out in columns (CSS `columns`) is tagged as a list of lists, one per column, with no
    item of its own: make it one list of all the items."""
    kids = _kids(list_element)
    if not kids or not all(isinstance(k, Dictionary) and k.get("/S") == Name.L for k in kids):
        return
    items = []
    for column in kids:
        for item in _kids(column):
            if isinstance(item, Dictionary) and "/S" in item:
                item.P = list_element
            items.append(item)
    list_element.K = Array(items)


def _pair_definition_groups(list_element: pikepdf.Dictionary) -> None:
    """A Div in a list holds one `dt` and its `dd`s, each tagged LI > LBody: make it one LI with the
    term as Lbl and the definitions together as one LBody."""
    for group in _kids(list_element):
        if not (isinstance(group, Dictionary) and group.get("/S") == Name.Div):
            continue
        items = [kid for kid in _kids(group) if isinstance(kid, Dictionary) and kid.get("/S") == Name.LI]
        bodies = [body for item in items for body in _kids(item)
                  if isinstance(body, Dictionary) and body.get("/S") == Name.LBody]
        if len(bodies) < 2:
            continue
        label, definition = bodies[0], bodies[1]
        label.S = Name.Lbl
        chosen = {item.objgen for item in items}
        group_kids = _kids(group)
        first = next(i for i, kid in enumerate(group_kids) if isinstance(kid, Dictionary) and kid.objgen in chosen)
        before = group_kids[:first]  # a separator drawn before the term stays before it
        after = [kid for kid in group_kids[first:] if not (isinstance(kid, Dictionary) and kid.objgen in chosen)]
        for extra in bodies[2:]:
            after += _kids(extra)
        for kid in before:
            if isinstance(kid, Dictionary) and "/S" in kid:
                kid.P = label
        label.K = Array(before + _kids(label))
        for kid in after:  # more definitions, or stray text between them: nothing is lost
            if isinstance(kid, Dictionary) and "/S" in kid:
                kid.P = definition
        definition.K = Array(_kids(definition) + after)
        for body in (label, definition):
            body.P = group
        group.S = Name.LI
        group.K = Array([label, definition])


def _absorb_strays(list_element: pikepdf.Dictionary) -> None:
    """A list may hold only lists, items and a caption. Anything else in it (the space between items
    set inline, a separator, the rest of an item that wrapped onto the next line) joins the item
    before it, or the first item if it comes before them all."""
    kept: list[pikepdf.Object] = []
    pending: list[pikepdf.Object] = []
    for kid in _kids(list_element):
        if isinstance(kid, Dictionary) and kid.get("/S") in (Name.L, Name.LI, Name.Caption):
            if kid.get("/S") == Name.LI and pending:
                _append_to_item(kid, pending, at_start=True)
                pending = []
            kept.append(kid)
        elif isinstance(kid, Dictionary) and "/S" in kid:
            _strip_items(kid)
            previous = next((k for k in reversed(kept) if k.get("/S") == Name.LI), None)
            if previous is None:
                pending.append(kid)
            else:
                _append_to_item(previous, [kid], at_start=False)
        else:
            kept.append(kid)
    if len(kept) != len(_kids(list_element)):
        list_element.K = Array(kept + pending)


def _strip_items(element: pikepdf.Dictionary) -> None:
    """Inside a piece that joins an item, items and their parts give way to what they hold."""
    kids = []
    for kid in _kids(element):
        if isinstance(kid, Dictionary) and kid.get("/S") in (Name.LI, Name.LBody, Name.Lbl):
            _strip_items(kid)
            for inner in _kids(kid):
                if isinstance(inner, Dictionary) and "/S" in inner:
                    inner.P = element
                kids.append(inner)
                if not (isinstance(inner, Dictionary) and "/S" in inner):
                    _repoint_mcid(kid, element, inner)
        else:
            if isinstance(kid, Dictionary) and "/S" in kid:
                _strip_items(kid)
            kids.append(kid)
    if "/K" in element:
        element.K = Array(kids)


def _repoint_mcid(source: pikepdf.Dictionary, target: pikepdf.Dictionary, kid: pikepdf.Object) -> None:
    """An MCID that moves from `source` to `target` must say so in the parent tree."""
    _repoint_parent_tree(source, target)


def _append_to_item(item: pikepdf.Object, extra: list[pikepdf.Object], at_start: bool) -> None:
    body = next((k for k in reversed(_kids(item)) if isinstance(k, Dictionary) and k.get("/S") == Name.LBody),
                item)
    kids = _kids(body)
    for kid in extra:
        kid.P = body
    body.K = Array(extra + kids if at_start else kids + extra)


def _join_split_links(parent: pikepdf.Dictionary) -> None:
    """Consecutive Link elements that go to the same place are one link wrapped across lines."""
    kids = parent.get("/K")
    if not isinstance(kids, Array):
        return
    joined: list[pikepdf.Object] = []
    for kid in kids:
        previous = joined[-1] if joined else None
        if (isinstance(kid, Dictionary) and isinstance(previous, Dictionary)
                and kid.get("/S") == Name.Link and previous.get("/S") == Name.Link
                and _target(kid) is not None and _target(kid) == _target(previous)):
            _move_kids(kid, previous)
            continue
        joined.append(kid)
    if len(joined) != len(kids):
        parent.K = Array(joined)


def _target(link: pikepdf.Dictionary) -> str | None:
    for kid in _kids(link):
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
            action = kid.Obj.get("/A")
            if action is not None and "/URI" in action:
                return str(action.URI)
            if "/Dest" in kid.Obj:
                return repr(kid.Obj.Dest)
    return None


def _move_kids(source: pikepdf.Dictionary, target: pikepdf.Dictionary) -> None:
    """Give `target` the content of `source`, whose MCIDs and annotations then point at `target`."""
    page = source.get("/Pg")
    for content in _kids(source):
        kid = (Dictionary(Type=Name.MCR, MCID=content, Pg=page)
               if isinstance(content, int) and page is not None and page != target.get("/Pg") else content)
        if isinstance(target.K, Array):
            target.K.append(kid)
        else:
            target.K = Array([target.K, kid])
    _repoint_parent_tree(source, target)


def _repoint_parent_tree(source: pikepdf.Dictionary, target: pikepdf.Dictionary) -> None:
    """Parent-tree entries (and annotations' StructParent entries) that named `source` name `target`."""
    node: pikepdf.Object = source
    while "/P" in node:
        node = node.P
    nums = node.ParentTree.Nums
    for i in range(1, len(nums), 2):
        value = nums[i]
        if isinstance(value, Array):
            for j, owner in enumerate(value):
                if isinstance(owner, Dictionary) and owner.objgen == source.objgen:
                    value[j] = target
        elif isinstance(value, Dictionary) and value.objgen == source.objgen:
            nums[i] = target


def _scope_header(header: pikepdf.Dictionary) -> None:
    """A header cell in a table's head (or in a row without data cells) heads its column; one in a
    row of data cells heads that row, as HTML's `scope` says in the templates."""
    row = header.get("/P")
    section = row.get("/P") if row is not None else None
    in_data_row = row is not None and any(isinstance(k, Dictionary) and k.get("/S") == Name.TD for k in _kids(row))
    heads_column = (section is not None and section.get("/S") == Name.THead) or not in_data_row
    scope = Name.Column if heads_column else Name.Row
    attributes = header.get("/A")
    owned = [a for a in (attributes if isinstance(attributes, Array) else [attributes])
             if isinstance(a, Dictionary) and a.get("/O") == Name.Table]
    if owned:
        owned[0].Scope = scope
    elif isinstance(attributes, Array):
        attributes.append(Dictionary(O=Name.Table, Scope=scope))
    elif isinstance(attributes, Dictionary):
        header.A = Array([attributes, Dictionary(O=Name.Table, Scope=scope)])
    else:
        header.A = Dictionary(O=Name.Table, Scope=scope)


def _index_ids(pdf: pikepdf.Pdf, tree: pikepdf.Object) -> None:
    """The structure tree root's IDTree: a name tree from each element's ID to the element (PDF 1.7,
    14.7.2), so that a data cell's Headers lead to its header cells."""
    named = [element for element in _elements(tree) if "/ID" in element]
    if not named:
        return
    ids = pikepdf.NameTree.new(pdf)
    for element in named:
        ids[str(element.ID)] = element
    tree.IDTree = ids.obj


FINGERPRINT_KEY = "/LeafletFingerprint"  # a custom key of the document information dictionary


def stamp(data: bytes, fingerprints: dict[str, str]) -> bytes:
    """The PDF with the fingerprint of what each language part prints for its brand (the one an
    approval records and the evidence pack prints), as `en sha256:...` (a bilingual PDF: `cy
    sha256:...; en sha256:...`), so a signed pack ties to the file that is printed."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.docinfo[FINGERPRINT_KEY] = "; ".join(f"{language} sha256:{digest}"
                                                 for language, digest in fingerprints.items())
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def stamped(data: bytes) -> dict[str, str]:
    """The fingerprints a PDF carries, by language (none for a PDF made before they were stamped)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        value = str(pdf.docinfo.get(FINGERPRINT_KEY, ""))
    return {language: digest.removeprefix("sha256:")
            for language, _, digest in (part.strip().partition(" ") for part in value.split(";")) if digest}
