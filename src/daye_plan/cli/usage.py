"""Click's usage mistakes (an unknown option, a missing argument, a bad value) in the user's language.

Click's and Typer's words for these are fixed English: each kind of mistake is said again from
the exception's parts (class, option name, parameter, the value pydantic refused). Owns only
the wording of one line; printing and exit codes are `cli.app`'s.
"""

from __future__ import annotations

import re

from daye_plan.cli.adapter import (
    BadOptionUsage,
    BadParameter,
    ClickException,
    ClickUsageError,
    MissingParameter,
    NoSuchOption,
)
from daye_plan.i18n import _, either, ngettext


def usage_message(exc: ClickException) -> str:
    """Click's message on one line, in the user's language, with where the command's usage is shown."""
    message = " ".join(_click_message(exc).split()).rstrip(".。")
    context = getattr(exc, "ctx", None)
    if isinstance(exc, ClickUsageError) and context is not None:
        # i18n: {message} is a usage mistake, {command} the command line, e.g. `daye-plan status`
        return _("{message} (see `{command} --help`)").format(message=message, command=context.command_path)
    return message


def _click_message(exc: ClickException) -> str:
    """Click's own words are fixed English: each kind of usage mistake is said again from its parts."""
    if isinstance(exc, NoSuchOption):
        option = exc.option_name
        if exc.possibilities:
            options = either(sorted(exc.possibilities))
            return _("No such option: {option} (did you mean {options}?)").format(option=option, options=options)
        return _("No such option: {option}").format(option=option)
    if isinstance(exc, MissingParameter):
        return _missing(exc)
    if isinstance(exc, BadParameter):
        hint = _hint(exc)
        problem = _problem(exc)
        if hint is None:
            return _("Invalid value: {problem}").format(problem=problem)
        return _("Invalid value for {name}: {problem}").format(name=hint, problem=problem)
    if isinstance(exc, BadOptionUsage):
        option = repr(exc.option_name)
        if "does not take a value" in exc.message:
            return _("Option {option} does not take a value").format(option=option)
        if "requires" in exc.message:
            return _("Option {option} requires a value").format(option=option)
    if isinstance(exc, ClickUsageError):
        extra = re.fullmatch(r"Got unexpected extra argument\(s\) \((.*)\)", exc.message, re.S)
        if extra:
            count = len(extra.group(1).split())
            return ngettext(
                "Got unexpected extra argument: {arguments}", "Got unexpected extra arguments: {arguments}", count
            ).format(arguments=extra.group(1))
    return exc.format_message()


def _hint(exc: BadParameter) -> str | None:
    """`'--format' / '-f'`: how Click names the parameter a mistake is about."""
    hint = exc.param_hint if exc.param_hint is not None else exc.param.get_error_hint() if exc.param else None
    if hint is None or isinstance(hint, str):
        return hint
    return " / ".join(repr(name) for name in hint)


def _choices(exc: BadParameter) -> list[str]:
    descriptor = getattr(exc.param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None) if getattr(descriptor, "is_choice", False) else None
    return [repr(getattr(choice, "value", choice)) for choice in choices or ()]


def _problem(exc: BadParameter) -> str:
    """What is wrong with the value: said again for the mistakes Typer words in English (through pydantic)."""
    errors = getattr(exc.__cause__, "errors", None)
    found = errors()[0] if callable(errors) and errors() else None
    if found is not None:
        value = found.get("input")
        choices = _choices(exc)
        if choices:
            return _("{value!r} is not one of {choices}").format(value=value, choices=either(choices))
        if found.get("type") in ("int_parsing", "int_type", "int_from_float"):
            return _("{value!r} is not a whole number").format(value=value)
    return exc.message


def _missing(exc: MissingParameter) -> str:
    hint = _hint(exc) or ""
    choices = _choices(exc)
    option = (exc.param_type or getattr(exc.param, "param_type_name", "")) == "option"
    if choices:
        if option:
            return _("Missing option {name}: one of {choices}").format(name=hint, choices=either(choices))
        return _("Missing argument {name}: one of {choices}").format(name=hint, choices=either(choices))
    if option:
        return _("Missing option {name}").format(name=hint)
    return _("Missing argument {name}").format(name=hint)
