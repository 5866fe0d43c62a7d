"""The one exception of :mod:`uguaglianza.dates` and its translation into a pydantic error."""

from __future__ import annotations

from typing import LiteralString

from pydantic_core import PydanticCustomError

from uguaglianza.errors import UguaglianzaError, shorten

__all__ = ["DateValueError", "ensure_str", "pydantic_error", "quote"]


class DateValueError(UguaglianzaError, ValueError):
    """A date, period, duration or recurrence rule is malformed or impossible.

    Attributes:
        message: what is wrong, in English, naming the offending text.
        hint: how to write it instead, when known (``"write it as 2022-05-10"``).
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def to_pydantic(self, error_type: LiteralString) -> PydanticCustomError:
        """The same problem as a pydantic error of a stable *error_type*."""
        return pydantic_error(error_type, self.message, self.hint)


def quote(text: object) -> str:
    """A short ``repr`` of user input, safe to put in a one-line message."""
    return shorten(text, 40)


def ensure_str(value: object, what: str) -> str:
    """*value* if it is a str, else a ``TypeError`` saying that *what* must be one."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return value


def pydantic_error(
    error_type: LiteralString, message: str, hint: str | None = None
) -> PydanticCustomError:
    """A pydantic error whose message is *message*, followed by *hint* when there is one."""
    if hint:
        return PydanticCustomError(
            error_type, "{reason}; {hint}", {"reason": message, "hint": hint}
        )
    return PydanticCustomError(error_type, "{reason}", {"reason": message})
