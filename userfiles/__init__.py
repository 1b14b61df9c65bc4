"""Safe reading of user documents, shared by :mod:`chargesearch` and :mod:`rgcheck`.

A document is TOML (``.toml``, and ``.txt``: the text output of ``chargesearch find`` is TOML),
YAML (``.yaml``, ``.yml``) or JSON (``.json``). Every problem with the file is a
:class:`DocumentError` naming the field and the expected form in one line; each package turns it
into its own input error (CLI: exit status 2):

* the path must name an existing regular file of at most :data:`MAX_BYTES` bytes;
* the bytes must be UTF-8 text (a leading BOM is allowed, NUL bytes are not);
* the text must parse; YAML is read with a safe loader that refuses duplicate keys and
  aliases (``*name``, so no recursive or exponentially expanding documents); JSON refuses
  duplicate keys as well (TOML does so by itself);
* nesting deeper than :data:`MAX_DEPTH` levels and integers longer than Python's digit limit
  (``sys.get_int_max_str_digits()``) are refused.

Non-finite floats (``nan``, ``.inf``, ``1e999``) parse; the callers refuse them where they
expect exact numbers. Nothing is ever evaluated.
"""

from __future__ import annotations

import json
import sys
import tomllib
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

__all__ = ["FORMATS", "MAX_BYTES", "MAX_DEPTH", "DocumentError", "document_format",
           "load_document", "loads_document", "read_text"]


class DocumentError(ValueError):
    """A user document that cannot be read: names the field and the expected form."""

    def __init__(self, field: str, expected: str, got: object = None) -> None:
        self.field, self.expected, self.got = field, expected, got
        detail = f" (got {got!r})" if got is not None else ""
        super().__init__(f"{field}: expected {expected}{detail}")


#: largest accepted file: charge, scenario and model files are a few kB
MAX_BYTES = 1 << 20
#: deepest accepted nesting of tables/lists (a charge file has 1 or 2 levels)
MAX_DEPTH = 64
FORMATS: dict[str, str] = {
    ".toml": "toml",
    ".txt": "toml",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
}


class _Refused(yaml.YAMLError):
    """A construct the safe reader does not accept (duplicate key, alias)."""

    def __init__(self, expected: str, got: object, line: int) -> None:
        super().__init__(expected)
        self.expected, self.got, self.line = expected, got, line


class UniqueKeySafeLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """``yaml.SafeLoader`` that refuses duplicate mapping keys, merge keys and aliases."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Build ``node``; a node met a second time is an alias (``*name``) and refused."""
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Refused("YAML without aliases (*name)", None, node.start_mark.line + 1)
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """A dict of ``node``, each key at most once."""
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                raise _Refused("scalar mapping keys", type(key).__name__,
                                   key_node.start_mark.line + 1)
            if key in mapping:
                raise _Refused("each key at most once", key, key_node.start_mark.line + 1)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for :func:`json.loads` refusing duplicate keys."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused("each key at most once", key, 0)
        out[key] = value
    return out


def document_format(path: Path, field: str) -> str:
    """``toml``, ``yaml`` or ``json`` from the suffix of ``path``."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DocumentError(field, "a file ending in " + ", ".join(FORMATS), str(path))
    return fmt


def read_text(path: str | Path, field: str) -> str:
    """The UTF-8 text of a regular file of at most :data:`MAX_BYTES` bytes."""
    p = Path(path)
    got = None if field == str(p) else str(p)
    try:
        if not p.is_file():
            reason = "an existing file" if not p.exists() else "a regular file"
            raise DocumentError(field, reason, got)
        with p.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DocumentError(field, f"a readable file ({exc.strerror or type(exc).__name__})",
                         got) from None
    if len(data) > MAX_BYTES:
        raise DocumentError(field, f"a file of at most {MAX_BYTES // 1024} KiB", got)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError(field, "a UTF-8 text file", got) from None
    if "\x00" in text:
        raise DocumentError(field, "a UTF-8 text file (found a NUL byte)", got)
    return text


def _check_tree(data: Any, field: str, name: str) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and over-long integers (keys and values)."""
    max_bits = int(sys.get_int_max_str_digits() * 3.32)  # log2(10) bits per digit
    level = [data]
    for depth in range(MAX_DEPTH + 2):
        if any(isinstance(x, int) and abs(x).bit_length() > max_bits for x in level):
            limit = sys.get_int_max_str_digits()
            raise DocumentError(field, f"integers of at most {limit} digits")
        containers = [x for x in level if isinstance(x, dict | list | tuple)]
        if not containers:
            return
        if depth == MAX_DEPTH:
            raise DocumentError(field, f"{name} nested at most {MAX_DEPTH} levels deep")
        level = [child for item in containers
                 for child in ([*item, *item.values()] if isinstance(item, dict) else item)]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:160]


def loads_document(text: str, fmt: str, field: str) -> Any:
    """Parse ``text`` as ``toml``, ``yaml`` or ``json``; see the module docstring."""
    name = fmt.upper()
    try:
        if fmt == "toml":
            data: Any = tomllib.loads(text)
        elif fmt == "yaml":
            data = yaml.load(text, Loader=UniqueKeySafeLoader)
        elif fmt == "json":
            data = json.loads(text, object_pairs_hook=_unique_pairs)
        else:
            raise DocumentError(field, "a format toml, yaml or json", fmt)
    except _Refused as exc:
        where = f" ({name}, line {exc.line})" if exc.line else f" ({name})"
        raise DocumentError(field, exc.expected + where, exc.got) from None
    except RecursionError:
        raise DocumentError(field, f"{name} nested at most {MAX_DEPTH} levels deep") from None
    except yaml.MarkedYAMLError as exc:
        line = f" at line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
        raise DocumentError(field, f"valid {name} ({exc.problem or exc.context}{line})") from None
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        raise DocumentError(field, f"valid {name} ({_first_line(exc)})") from None
    except Exception as exc:
        # int digit limit (ValueError), impossible dates, PyYAML tag bugs: the parsers are
        # third-party code, so any failure on user text is bad input
        if isinstance(exc, ValueError) and "digits" in str(exc):
            limit = sys.get_int_max_str_digits()
            raise DocumentError(field, f"integers of at most {limit} digits") from None
        raise DocumentError(field, f"valid {name} ({_first_line(exc)})") from None
    _check_tree(data, field, name)
    return data


def load_document(path: str | Path, field: str) -> Any:
    """The parsed content of a TOML/YAML/JSON file (format from the suffix)."""
    p = Path(path)
    text = read_text(p, field)
    return loads_document(text, document_format(p, field), field)
