"""The sandbox every template runs in: it reads what it is given and nothing else.

Templates are data a user may have got from anyone (a "guide kit" folder passed around, named
in ``guide.toml``), so they run in Jinja's immutable sandbox, made stricter: a template may
read the guide and call the methods of plain values (text, numbers, dates, tuples, the
model's frozen records) and of Jinja's own helpers, never a method of anything else (a path,
a file, a class, a module), so it cannot reach Python's internals, import, touch a file or
change the model. A template is read only from inside its folder (a link out of it is
refused), so ``{% include %}`` cannot read another file either. Repetition (``*``, ``**``)
is bounded, so one expression cannot fill the memory.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, TemplateError, TemplateNotFound, runtime, utils
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from generator.files import TooLarge, read_file_status, refusal
from generator.render.hooks import Hook

VALUE_TYPES: tuple[type, ...] = (str, Markup, int, float, bool, tuple, list, dict, set, frozenset)
VALUE_TYPES += (dt.date, dt.time, dt.timedelta)
"""Values whose methods a template may call (the immutable sandbox stops those that change
a list, dict or set)."""

JINJA_HELPERS = (
    runtime.Macro,
    runtime.BlockReference,
    runtime.LoopContext,
    utils.Cycler,
    utils.Joiner,
)
"""Jinja's own objects a template calls: macros, ``super()``, ``loop.cycle``, ``cycler``."""

JINJA_GLOBALS = (dict, utils.Cycler, utils.Joiner, utils.Namespace)
"""The classes among Jinja's globals, which a template calls to make a value."""

WHAT_TEMPLATES_USE = (
    "templates run in a sandbox, reading the guide and using only the names listed in "
    "generator/templates/handout/STORY.md, never Python's internals, files or modules"
)

LONGEST_REPEAT = 100_000
"""The most items (characters, for text) ``*`` may make."""
LONGEST_POWER = 100
"""The most digits a number made by ``**`` may have."""


def _is_frozen_record(value: object) -> bool:
    """True for an instance of a frozen dataclass: the model's nodes, a workshop's entries."""
    if isinstance(value, type) or not dataclasses.is_dataclass(value):
        return False
    params = getattr(type(value), "__dataclass_params__", None)
    return bool(params is not None and params.frozen)


_SAFE_ATTRIBUTES: dict[tuple[type, str], bool] = {}
"""Jinja's immutable sandbox's answers, by the kind of object and the attribute's name."""


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, calling only methods of plain values and Jinja's helpers."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Unused by the bundled templates, and a paragraph count without a limit.
        self.globals.pop("lipsum", None)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Public attributes that are not a module; the sandbox already hides internals."""
        if isinstance(value, types.ModuleType):
            return False
        # Jinja's answer (internals, methods that change a list or dict) depends only on the
        # kind of object and the name: worked out once for each, as it is asked on every dot.
        key = (type(obj), attr)
        safe = _SAFE_ATTRIBUTES.get(key)
        if safe is None:
            if len(_SAFE_ATTRIBUTES) >= 4096:
                _SAFE_ATTRIBUTES.clear()
            safe = _SAFE_ATTRIBUTES[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def is_safe_callable(self, obj: Any) -> bool:
        """Functions given to templates, Jinja's helpers, and methods of plain values."""
        if not super().is_safe_callable(obj):
            return False
        if isinstance(obj, type):
            return obj in JINJA_GLOBALS
        if isinstance(obj, JINJA_HELPERS):
            return True
        if isinstance(obj, (types.MethodType, types.BuiltinMethodType)):
            owner = obj.__self__
            return isinstance(owner, (*VALUE_TYPES, *JINJA_HELPERS)) or _is_frozen_record(owner)
        # Functions given to the environment (filters, ``_``, ``long_date``) and Jinja's own
        # (``range``); anything else, a callable object of unknown kind, is refused.
        return isinstance(obj, types.FunctionType)

    def call_binop(self, context: runtime.Context, operator: str, left: Any, right: Any) -> Any:
        """``*`` and ``**``, refused where the result would be larger than ``LONGEST_REPEAT``."""
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (
                    isinstance(sequence, (str, list, tuple))
                    and isinstance(times, int)
                    and len(sequence) * times > LONGEST_REPEAT
                ):
                    raise SecurityError(
                        f"'*' would repeat something {times:,} times, more than a template may "
                        f"make ({LONGEST_REPEAT:,} characters or items)"
                    )
        if (
            operator == "**"
            and isinstance(left, (int, float))
            and isinstance(right, (int, float))
            and abs(left) > 1
            and right * math.log10(abs(left)) > LONGEST_POWER
        ):
            raise SecurityError(
                f"'**' would make a number of more than {LONGEST_POWER} digits ({left} ** {right})"
            )
        return super().call_binop(context, operator, left, right)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        """The undefined value for an attribute a template may not use: an error when used."""
        return self.undefined(
            f"a template may not use '{attribute}' of {_kind(obj)}: {WHAT_TEMPLATES_USE}",
            obj=obj,
            name=attribute,
            exc=SecurityError,
        )

    def call(__self, __context: runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call an object from a template, refusing with a message that names it."""
        if not __self.is_safe_callable(__obj):
            raise SecurityError(
                f"a template may not call {_callable_name(__obj)}: {WHAT_TEMPLATES_USE}"
            )
        return __context.call(__obj, *args, **kwargs)


def _kind(value: Any) -> str:
    """How a message names a value's kind: "a PosixPath", "the class Cycler"."""
    if isinstance(value, type):
        return f"the class {value.__name__}"
    name = type(value).__name__
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def _callable_name(value: Any) -> str:
    """A callable as a message names it: "write_text of a PosixPath", "the class Path"."""
    if isinstance(value, type):
        return _kind(value)
    owner = getattr(value, "__self__", None)
    name = getattr(value, "__name__", None)
    if owner is not None and name and not isinstance(owner, types.ModuleType):
        return f"'{name}' of {_kind(owner)}"
    return f"'{name}'" if name else _kind(value)


JINJA_HOOKS = (
    Hook(
        "jinja2.sandbox:SandboxedEnvironment.call",
        "dec31de35df6b71a",
        "render/sandbox.py",
        "replaced by TemplateSandbox.call, which makes the same check with a message that "
        "names what was refused: a check Jinja adds there would be skipped",
    ),
    Hook(
        "jinja2.sandbox:ImmutableSandboxedEnvironment.is_safe_attribute",
        "b604ee2e501e4a4d",
        "render/sandbox.py",
        "its answer is kept by the kind of object and the attribute's name, which is all it "
        "depends on",
    ),
    Hook(
        "jinja2.sandbox:SandboxedEnvironment.unsafe_undefined",
        "a4d5e5165344724f",
        "render/sandbox.py",
        "replaced by one whose message says what templates may use",
    ),
)
"""Jinja's sandbox methods the template sandbox overrides or relies on; ``pyproject.toml``
keeps ``jinja2`` below its next major version."""


LARGEST_TEMPLATE = 1024 * 1024
"""The most bytes a template file may hold (the bundled ones are under 20 KB)."""


class TemplateRefused(TemplateError):
    """A template file the loader will not read: a link out of its folder, not a file, too big."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        """The template file as found on the search path."""


class TemplateLoader(BaseLoader):
    """Templates from folders searched in order, each read only from inside its own folder.

    A file that is a link (or lies under a linked folder) resolving outside the folder it was
    found in, that is not a regular file, or that is larger than ``LARGEST_TEMPLATE`` is
    refused, so a template folder passed around cannot make a build read other files.
    """

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        """The folders searched, first to last."""

    def find(self, name: str) -> Path | None:
        """The file a template name finds first on the search path, if any."""
        pieces = split_template_path(name)
        for folder in self.folders:
            candidate = folder.joinpath(*pieces)
            # A folder, a pipe or a broken link under a template's name is found (and refused
            # when read), never passed over for the bundled template of that name.
            if candidate.exists() or candidate.is_symlink():
                return candidate
        return None

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        found = self.find(template)
        if found is None:
            raise TemplateNotFound(template)
        folder = next(f for f in self.folders if found.is_relative_to(f))
        try:
            real = found.resolve()
        except (OSError, RuntimeError):  # a link in a circle (Python 3.11 raises RuntimeError)
            raise TemplateRefused(found, f"{found} is a link that points in a circle") from None
        if not real.is_relative_to(folder.resolve()):
            raise TemplateRefused(
                found,
                f"{found} is a link to a file outside {folder} ({real}), which a template may "
                "not read: copy that file into the templates folder instead",
            )
        try:
            data, status = read_file_status(real, LARGEST_TEMPLATE)
        except TooLarge:
            raise TemplateRefused(
                found,
                f"{found} is larger than {LARGEST_TEMPLATE // 1024} KB, the most a template may be",
            ) from None
        except OSError as exc:
            raise TemplateRefused(found, f"{found} cannot be read: {refusal(exc)}") from None
        source = data.decode("utf-8")
        mtime = status.st_mtime_ns

        def uptodate() -> bool:
            try:
                return os.stat(real).st_mtime_ns == mtime
            except OSError:
                return False

        return source, str(found), uptodate
