"""Turn loaded YAML into typed models, reporting every problem with its file, line and field."""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..sources.yamlsource import FieldPath, YamlDocument, dotted, load_yaml

M = TypeVar("M", bound=BaseModel)

_KIND = {dict: "a group of fields", list: "a list", str: "text", int: "a number", float: "a number",
         bool: "true/false", type(None): "empty"}
_NUMBER_LIMITS = {"less_than_equal": "le", "greater_than_equal": "ge", "less_than": "lt", "greater_than": "gt"}


def load_model(path: Path, display: str, model: type[M], problems: list[Problem]
               ) -> tuple[YamlDocument | None, M | None]:
    """Read a YAML file and validate it against `model`, adding what is wrong to `problems`. Returns
    the document (None if it could not be read) and the model (None if it is not valid)."""
    doc, found = load_yaml(path, display)
    problems.extend(found)
    if doc is None:
        return None, None
    value, found = validate(doc, model)
    problems.extend(found)
    return doc, value if isinstance(value, model) else None


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
    problems: list[Problem] = []
    suggested: set[FieldPath] = set()
    missing: list[tuple[FieldPath, Problem]] = []
    for err in errors:
        loc = _yaml_path(doc.data, err["loc"], keep_last=err["type"] == "missing")
        if err["type"] == "missing":
            missing.append((loc, _missing(doc, loc)))
        elif err["type"] == "extra_forbidden":
            problem, suggestion = _unknown(doc, model, loc)
            problems.append(problem)
            if suggestion:
                suggested.add((*loc[:-1], suggestion))
        else:
            problems.append(_problem(doc, loc, err))
    problems.extend(problem for loc, problem in missing if loc not in suggested)
    return None, problems


def _yaml_path(data: Any, loc: tuple, *, keep_last: bool) -> FieldPath:
    """The part of pydantic's location that names keys and indices present in the YAML.

    pydantic also puts validator and union-member names ('function-after', 'str', 'LogoImage')
    and '[key]' into locations; they are not in the file. A missing field's name is kept.
    """
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if (isinstance(current, dict) and part in current) or in_list:
            current = current[part]
        elif not (keep_last and index == len(loc) - 1):
            continue
        path.append(part)
    return tuple(path)


def _kind(value: Any) -> str:
    return _KIND.get(type(value), type(value).__name__)


def _missing(doc: YamlDocument, loc: FieldPath) -> Problem:
    where = f"under '{dotted(loc[:-1])}'" if len(loc) > 1 else "at the top of the file"
    hint = f"add '{loc[-1]}:' {where}"
    return doc.problem(loc, "is required but missing", hint, at=loc[:-1], of_key=True)


def _unknown(doc: YamlDocument, model: type[BaseModel], loc: FieldPath) -> tuple[Problem, str | None]:
    allowed = _field_names(model, loc[:-1])
    close = difflib.get_close_matches(str(loc[-1]).lower(), allowed, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else (
        f"allowed here: {', '.join(allowed)}" if allowed else "remove it")
    return doc.problem(loc, "unknown field", hint, of_key=True), (close[0] if close else None)


def _problem(doc: YamlDocument, loc: FieldPath, err: Any) -> Problem:
    kind, value = err["type"], err.get("input")
    if "[key]" in err["loc"]:
        return doc.problem(loc, f"'{value}' is not allowed as a name",
                           "use lowercase letters, digits and hyphens, for example dark-blue", of_key=True)
    if kind == "string_type" and loc in doc.hidden:
        return doc.problem(loc, f"'{doc.hidden[loc]}' is a YAML comment, so this field is empty",
                           f'put it in quotes: "{doc.hidden[loc]}"')
    if kind == "string_type":
        typed = doc.typed.get(loc, "")
        if (typed and isinstance(value, (bool, int, float))) or (value is None and typed):
            read_as = "empty" if value is None else f"the number {value}"
            quoted = f'"{typed}"' if '"' not in typed else f"'{typed}'"
            return doc.problem(loc, f"'{typed}' is read as {read_as}, not as text", f"put it in quotes: {quoted}")
        return doc.problem(loc, f"must be text, not {_kind(value)}", "write the text after the colon")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return doc.problem(loc, f"must be a group of fields, not {_kind(value)}", "indent the fields underneath it")
    if kind == "list_type":
        return doc.problem(loc, f"must be a list, not {_kind(value)}",
                           "write each item on its own line starting with '- '")
    if kind == "too_short":
        return doc.problem(loc, "must not be empty", "add at least one item")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        example = {"weight": "400 or 700", "review_warning_days": "90"}.get(str(loc[-1]) if loc else "", "12")
        return doc.problem(loc, f"'{value}' is not a whole number", f"for example {example}")
    if kind in ("float_type", "float_parsing"):
        return doc.problem(loc, f"'{value}' is not a number", "write it without quotes, for example 8")
    if kind in _NUMBER_LIMITS:
        limit = err["ctx"][_NUMBER_LIMITS[kind]]
        words = {"le": "at most", "ge": "at least", "lt": "less than", "gt": "more than"}[_NUMBER_LIMITS[kind]]
        return doc.problem(loc, f"{value} is out of range", f"use a number {words} {limit}")
    if kind == "string_pattern_mismatch":
        what = {"email": "an email address", "id": "a leaflet id (letters, digits, hyphens and underscores)"}
        return doc.problem(loc, f"'{value}' is not {what.get(str(loc[-1]) if loc else '', 'valid here')}")
    if kind == "value_error":
        return doc.problem(loc, str(err["ctx"]["error"]))
    if kind == "literal_error":
        return doc.problem(loc, f"'{value}' is not allowed", err["msg"].replace("Input should be", "use"))
    return doc.problem(loc, err["msg"])


def _field_names(model: type[BaseModel], loc: FieldPath) -> list[str]:
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
        return sorted(current.model_fields)
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
