"""Turn loaded YAML into typed models, reporting every problem with its file, line and field."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .yamlsource import Path_, YamlDocument, dotted

_KIND = {dict: "a group of fields", list: "a list", str: "text", int: "a number", float: "a number",
         bool: "true/false", type(None): "empty"}


def validate(doc: YamlDocument, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    """Validate `doc.data` against `model`; map each pydantic error to the YAML position it concerns.

    A misspelt key is reported once, as unknown with a suggestion, not again as a missing field.
    """
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), f"must be a group of fields, not {_kind(doc.data)}",
                                  "see the content field reference in README.md")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    problems = [_problem(doc, model, err) for err in errors]
    renamed = {_sibling(p.field, p.hint.split("'")[1]) for p in problems
               if p.message == "unknown field" and p.hint.startswith("did you mean")}
    return None, [p for p in problems if not (p.message == "is required but missing" and p.field in renamed)]


def _sibling(field: str, name: str) -> str:
    parent = field.rpartition(".")[0]
    return f"{parent}.{name}" if parent else name


def _kind(value: Any) -> str:
    return _KIND.get(type(value), type(value).__name__)


def _problem(doc: YamlDocument, model: type[BaseModel], err: Any) -> Problem:
    loc: Path_ = tuple(part for part in err["loc"] if not _is_tag(part))
    kind = err["type"]
    if kind == "missing":
        return doc.problem(loc, "is required but missing", at=loc[:-1], of_key=True, hint=
                           f"add '{loc[-1]}:' under '{_parent(loc)}'" if len(loc) > 1
                           else f"add '{loc[-1]}:' at the top of the file")
    if kind == "extra_forbidden":
        allowed = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else (
            f"allowed here: {', '.join(allowed)}" if allowed else "remove it")
        return doc.problem(loc, "unknown field", hint, of_key=True)
    value = err.get("input")
    if kind == "string_type":
        return doc.problem(loc, f"must be text, not {_kind(value)}", "write the text after the colon")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return doc.problem(loc, f"must be a group of fields, not {_kind(value)}",
                           "indent the fields underneath it")
    if kind == "list_type":
        return doc.problem(loc, f"must be a list, not {_kind(value)}", "write each item on its own line starting with '- '")
    if kind == "too_short":
        return doc.problem(loc, "must not be empty", "add at least one item")
    if kind == "string_pattern_mismatch":
        name = str(loc[-1]) if loc else ""
        what = {"email": "an email address", "id": "a leaflet id (letters, digits, hyphens)"}.get(name, "valid")
        return doc.problem(loc, f"'{value}' is not {what}")
    if kind == "value_error":
        return doc.problem(loc, str(err["ctx"]["error"]))
    if kind == "literal_error":
        return doc.problem(loc, f"'{value}' is not allowed", err["msg"].replace("Input should be", "use"))
    return doc.problem(loc, err["msg"])


def _is_tag(part: Any) -> bool:
    """pydantic adds validator and union-member names to a location; they are not YAML keys."""
    return isinstance(part, str) and (part.startswith("function-") or part[:1].isupper()
                                      or part in ("str", "int", "list", "dict", "date", "literal"))


def _parent(loc: Path_) -> str:
    return dotted(loc[:-1])


def _field_names(model: type[BaseModel], loc: Path_) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(str(part))
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return sorted(f.alias or name for name, f in current.model_fields.items())
    return []


def _inner_model(annotation: Any) -> Any:
    """Find the BaseModel inside Annotated[...], X | None, list[X] or dict[str, X]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _inner_model(args[0])
    if origin in (list, dict, typing.Union, types.UnionType):
        for arg in reversed(args):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
