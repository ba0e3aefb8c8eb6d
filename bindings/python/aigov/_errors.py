"""Exceptions carrying the library's aigov_error (code, message, JSON path)."""
from __future__ import annotations

from typing import Callable, Dict, Type

# The codes' C names, filled from the library (aigov_error_name) when it is loaded: the
# binding keeps no copy of its own. Every error is raised through a loaded library.
CODE_NAMES: Dict[int, str] = {}


def fill_code_names(error_name: Callable[[int], bytes]) -> None:
    """Reads every code's name from aigov_error_name: 0, -1, ... until it answers "?"."""
    code = 0
    while code > -64:
        name = error_name(code).decode()
        if name == "?":
            break
        CODE_NAMES[code] = name
        code -= 1


class AigovError(Exception):
    """An error reported by libaigov.

    code     the negative aigov_error_code (-4 ...)
    name     its enum name ("AIGOV_EINPUT" ...)
    message  what went wrong and what was expected
    path     JSON path of the offending value ("$.system.annex_iii.points[2]"; "" when none)
    source   rule source name (compiler) or "descriptor"
    rule_id  the rule being compiled, when the error is in one
    offset   byte offset in the input where the error was found
    """

    def __init__(self, code: int, name: str, message: str, path: str = "", source: str = "",
                 rule_id: str = "", offset: int = 0):
        super().__init__(code, name, message, path, source, rule_id, offset)
        self.code = code
        self.name = name
        self.message = message
        self.path = path
        self.source = source
        self.rule_id = rule_id
        self.offset = offset

    def __str__(self) -> str:
        s = "%s: %s" % (self.name, self.message)
        if self.path:
            s += " at " + self.path
        if self.rule_id:
            s += " in rule " + self.rule_id
        if self.source and self.source != "descriptor" and (self.rule_id or self.code == -6):
            s += " (" + self.source + ")"
        return s


class InvalidArgumentError(AigovError, ValueError):
    """AIGOV_EINVAL: a bad argument (bad option, bad as-of date)."""


class OutOfMemoryError(AigovError, MemoryError):
    """AIGOV_ENOMEM: an allocation failed; the objects remain usable."""


class JSONSyntaxError(AigovError, ValueError):
    """AIGOV_ESYNTAX: the input is not well-formed JSON (or not UTF-8)."""


class InputError(AigovError, ValueError):
    """AIGOV_EINPUT: well-formed JSON that the descriptor schema does not accept."""


class LimitError(AigovError, ValueError):
    """AIGOV_ELIMIT: input over a size, depth or count limit."""


class RulesError(AigovError, ValueError):
    """AIGOV_ERULES: a rule source failed to compile (source, rule_id, path say where)."""


class NotFoundError(AigovError, LookupError):
    """AIGOV_ENOTFOUND: no such rule or item."""


CLASSES: Dict[int, Type[AigovError]] = {
    -1: InvalidArgumentError, -2: OutOfMemoryError, -3: JSONSyntaxError, -4: InputError,
    -5: LimitError, -6: RulesError, -7: NotFoundError,
}


def make(code: int, message: str, path: str = "", source: str = "", rule_id: str = "",
         offset: int = 0) -> AigovError:
    cls = CLASSES.get(code, AigovError)
    return cls(code, CODE_NAMES.get(code, "AIGOV_E%d" % -code), message, path, source, rule_id, offset)
