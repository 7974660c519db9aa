"""A client of clamd's INSTREAM protocol, used when ``SEM_CLAMD_ADDRESS`` is set.

The file is sent as ``zINSTREAM\\0`` followed by chunks, each preceded by its length as four
big-endian bytes, and a zero-length chunk to end; clamd answers ``stream: OK`` or
``stream: <signature> FOUND`` (null-terminated). The file is read in chunks, never whole.
"""

import socket
import struct

from django.conf import settings

CHUNK = 64 * 1024


class ScanUnavailable(Exception):
    """clamd could not be reached, or gave an answer other than OK or FOUND."""


def enabled() -> bool:
    return bool(settings.SEM_CLAMD_ADDRESS)


def _address(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    try:
        return host.strip("[]") or "127.0.0.1", int(port)
    except ValueError as error:
        raise ScanUnavailable(f"bad SEM_CLAMD_ADDRESS {value!r}") from error


def scan(fileobj) -> str | None:
    """None if clamd finds the file clean; the name of what it found otherwise. Raises
    ScanUnavailable when clamd cannot give a verdict. The file is rewound afterwards."""
    address = _address(settings.SEM_CLAMD_ADDRESS)
    reply = b""
    try:
        with socket.create_connection(address, timeout=settings.SEM_CLAMD_TIMEOUT) as sock:
            sock.sendall(b"zINSTREAM\0")
            fileobj.seek(0)
            while chunk := fileobj.read(CHUNK):
                sock.sendall(struct.pack("!I", len(chunk)) + chunk)
            sock.sendall(struct.pack("!I", 0))
            while not reply.endswith(b"\0") and len(reply) < 4096:
                data = sock.recv(4096)
                if not data:
                    break
                reply += data
    except OSError as error:
        raise ScanUnavailable(str(error)) from error
    finally:
        fileobj.seek(0)
    answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    if answer.endswith(" OK"):
        return None
    if answer.endswith(" FOUND"):
        return answer.removeprefix("stream:").removesuffix("FOUND").strip() or "unknown"
    raise ScanUnavailable(answer or "no answer")
