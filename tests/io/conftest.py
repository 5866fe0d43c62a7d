"""Fixtures of the reading and writing tests."""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterator

import pytest

# Linux capabilities that let a process ignore file permissions, by bit number.
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2
_CAPABILITY_VERSION_3 = 0x20080522


class _Header(ctypes.Structure):
    _fields_ = (("version", ctypes.c_uint32), ("pid", ctypes.c_int))


class _Data(ctypes.Structure):
    _fields_ = (
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    )


def _call(name: str, header: _Header, data: ctypes.Array[_Data]) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if getattr(libc, name)(ctypes.byref(header), data) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{name}: {os.strerror(errno)}")


@pytest.fixture
def permissions_apply() -> Iterator[None]:
    """Make file permissions bind this thread, even when the tests run as root.

    Root passes permission checks through two capabilities; the fixture lowers them from
    the thread's effective set (keeping them permitted) and raises them again afterwards.
    """
    if os.geteuid() != 0:
        yield
        return
    header = _Header(_CAPABILITY_VERSION_3, 0)
    saved = (_Data * 2)()
    _call("capget", header, saved)
    lowered = (_Data * 2)(*saved)
    lowered[0].effective &= ~((1 << _CAP_DAC_OVERRIDE) | (1 << _CAP_DAC_READ_SEARCH))
    _call("capset", header, lowered)
    try:
        yield
    finally:
        _call("capset", _Header(_CAPABILITY_VERSION_3, 0), saved)
