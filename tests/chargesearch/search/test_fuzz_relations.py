"""Property tests of the relation parser (issue 9, item 7): any text gives a formula or an
InputError -- never another exception -- and every example finishes fast."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chargesearch.errors import InputError
from chargesearch.expressions import Formula, parse_formula
from chargesearch.search.problem import build_problem

NAMES = build_problem().names
FAST = settings(deadline=1000, max_examples=300,
                suppress_health_check=[HealthCheck.too_slow])

ATOMS = st.one_of(st.sampled_from([*NAMES, "C9", "C10"]),
                  st.integers(0, 10**80).map(str),
                  st.sampled_from(["0.5", "1/3", "x", "", "1e5", "__import__('os')"]))


def _expr(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*", "/", "^", "**"]), children)
        .map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(children, st.integers(0, 10**6)).map(lambda t: f"({t[0]})^{t[1]}"),
        children.map(lambda c: f"({c})"),
        children.map(lambda c: f"-{c}"),
        st.tuples(children, st.sampled_from(["=", "==", "!=", "<", "<=", ">", ">="]), children)
        .map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(children, st.sampled_from(["and", "or"]), children)
        .map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        children.map(lambda c: f"not {c}"),
    )


EXPRESSIONS = st.recursive(ATOMS, _expr, max_leaves=60)


def _parse_or_input_error(text: str) -> None:
    try:
        result = parse_formula(text, NAMES)
    except InputError as exc:  # the one-line "FIELD: expected FORM (got X)" message
        assert str(exc).startswith(f"{exc.field}: expected ") and "\n" not in str(exc)
    else:
        assert isinstance(result, Formula)


WELL_FORMED = st.recursive(
    st.one_of(st.sampled_from(NAMES), st.integers(0, 10**9).map(str)),
    lambda c: st.one_of(
        st.tuples(c, st.sampled_from(["+", "-", "*"]), c).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(c, st.integers(0, 2)).map(lambda t: f"({t[0]})^{t[1]}"),
        c.map(lambda x: f"-{x}")),
    max_leaves=8)


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_random_text(text: str) -> None:
    """Reason: arbitrary user text (any unicode) is parsed or refused, never crashes."""
    _parse_or_input_error(text)


@FAST
@given(st.text(alphabet="F_QLEUDHS123 C910()+-*/^=<>!.0 andornt", max_size=400))
def test_random_text_from_the_relation_alphabet(text: str) -> None:
    """Reason: text close to the grammar reaches the deep parser paths."""
    _parse_or_input_error(text)


@FAST
@given(EXPRESSIONS)
def test_random_nested_expressions(text: str) -> None:
    """Reason: random nested expressions with big exponents and literals stay bounded."""
    _parse_or_input_error(text)


@FAST
@given(st.integers(1, 5000), st.sampled_from(["(", "-", "not ", "(-"]), st.sampled_from(
    ["F_Q1 = 0", "C10/C9 = -1/3", "F_Q1"]))
def test_deep_nesting(depth: int, opener: str, core: str) -> None:
    """Reason: nesting thousands deep is an InputError, never a RecursionError."""
    closer = ")" * opener.count("(")
    _parse_or_input_error(opener * depth + core + closer * depth)


@FAST
@given(WELL_FORMED, st.sampled_from(["=", "!=", "<", ">="]), WELL_FORMED)
def test_well_formed_relations_parse(lhs: str, op: str, rhs: str) -> None:
    """Reason: the properties above must not pass by refusing everything -- well-formed
    arithmetic relations parse (unless they exceed a documented size limit)."""
    try:
        result = parse_formula(f"{lhs} {op} {rhs}", NAMES)
    except InputError as exc:
        assert any(w in str(exc) for w in ("degree", "terms", "term products", "characters"))
    else:
        assert isinstance(result, Formula)
