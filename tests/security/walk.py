"""Walk app.url_map: build a concrete URL for every rule, aimed at a given set of object ids."""
from dataclasses import dataclass

from werkzeug.routing import Rule
from werkzeug.routing.converters import AnyConverter, IntegerConverter

# URL argument (without _id) → the table of the object it names, where the two differ.
ALIASES = {"document": "rendered_document", "doc": "rendered_document", "rendered": "rendered_document",
           "token": "api_token", "run": "task_run", "task": "task_run", "request": "collection_request",
           "collection": "collection_request", "event": "audit_event", "user": "user_account"}
# Rules that anybody (or a machine with a token) may call.
PUBLIC = {"static", "auth.login", "main.healthz", "api-docs.openapi_json", "api_docs.index"}
MISSING_ID = 987654


@dataclass
class Target:
    rule: Rule
    url: str
    method: str
    aims_at_objects: bool  # the URL names at least one object by id
    variant: dict | None = None  # the <any(...)> values used


def table_of(argument: str) -> str | None:
    if not argument.endswith("_id"):
        return None
    name = argument[: -len("_id")]
    return ALIASES.get(name, name)


def build(rule: Rule, ids: dict[str, int], variant: dict[str, str] | None = None) -> tuple[str, bool]:
    """The rule's path with every id argument filled from `ids` (table → id)."""
    values, aims = {}, False
    for argument, converter in rule._converters.items():
        table = table_of(argument)
        if (variant or {}).get(argument) is not None:
            values[argument] = variant[argument]
        elif table is not None and isinstance(converter, IntegerConverter):
            if table not in ids:
                raise LookupError(f"{rule.endpoint}: no test object for <{argument}> (add it to tests/security/conftest.py)")
            values[argument], aims = ids[table], True
        elif isinstance(converter, AnyConverter):
            values[argument] = sorted(converter.items)[0]
        elif isinstance(converter, IntegerConverter):
            values[argument] = 2024
        else:
            values[argument] = "x"
    path = rule.rule
    for argument, value in values.items():
        path = path.replace(f"<{_spec(rule, argument)}>", str(value))
    return path, aims


def _spec(rule: Rule, argument: str) -> str:
    """The text between < and > for `argument` in the rule (converter and arguments included)."""
    start = rule.rule.index(f"{argument}>")
    return rule.rule[rule.rule.rindex("<", 0, start) + 1: start + len(argument)]


def variants(rule: Rule) -> list[dict[str, str]]:
    """One variant per value of each <any(...)> argument, so every step is walked."""
    out = [{}]
    for argument, converter in rule._converters.items():
        if isinstance(converter, AnyConverter):
            out = [{**v, argument: item} for v in out for item in sorted(converter.items)]
    return out


def targets(app, ids: dict[str, int]) -> list[Target]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for variant in variants(rule):
            url, aims = build(rule, ids, variant)
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                found.append(Target(rule, url, method, aims, variant))
    return found


def is_api(rule: Rule) -> bool:
    return rule.rule.startswith("/api/")
