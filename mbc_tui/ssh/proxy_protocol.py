"""The PROXY protocol (versions 1 and 2) that HAProxy sends ahead of each connection.

Behind a TCP load balancer every connection comes from the balancer's address; with
``send-proxy`` (or ``send-proxy-v2``) it first sends a short header naming the real client.
The server reads exactly that header, no more, and then speaks SSH on the same socket.
Spec: https://www.haproxy.org/download/2.9/doc/proxy-protocol.txt
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import struct

V1_PREFIX = b"PROXY "
V1_MAX = 107
V2_SIGNATURE = b"\r\n\r\n\x00\r\nQUIT\n"
V2_FIXED = 16
V2_MAX_PAYLOAD = 4096
PEEK_SIZE = V2_FIXED + V2_MAX_PAYLOAD

Address = tuple[str, int]

V1_FAMILIES: dict[str, type[ipaddress.IPv4Address] | type[ipaddress.IPv6Address]] = {
    "TCP4": ipaddress.IPv4Address,
    "TCP6": ipaddress.IPv6Address,
}


class ProxyProtocolError(Exception):
    """Not a valid PROXY header: the connection is dropped."""


def parse_header(data: bytes) -> tuple[int, Address | None] | None:
    """Length of the header at the start of ``data`` and the client's address (None when the
    balancer does not know it, e.g. its own health checks). None: need more bytes."""
    if data.startswith(V2_SIGNATURE[: len(data)]) and len(data) < len(V2_SIGNATURE):
        return None
    if data.startswith(V2_SIGNATURE):
        return _parse_v2(data)
    if V1_PREFIX.startswith(data[: len(V1_PREFIX)]) and len(data) < len(V1_PREFIX):
        return None
    if data.startswith(V1_PREFIX):
        return _parse_v1(data)
    raise ProxyProtocolError("no PROXY protocol header")


def _parse_v1(data: bytes) -> tuple[int, Address | None] | None:
    end = data.find(b"\r\n", 0, V1_MAX)
    if end < 0:
        if len(data) >= V1_MAX:
            raise ProxyProtocolError("PROXY v1 header too long")
        return None
    line = data[:end]
    if not all(0x20 <= byte < 0x7F for byte in line):
        raise ProxyProtocolError("malformed PROXY v1 header")
    fields = line.decode("ascii").split(" ")
    if len(fields) >= 2 and fields[1] == "UNKNOWN":
        return end + 2, None
    if len(fields) != 6 or fields[1] not in V1_FAMILIES:
        raise ProxyProtocolError("malformed PROXY v1 header")
    family = V1_FAMILIES[fields[1]]
    source, _destination = (_v1_address(text, family) for text in fields[2:4])
    port, _destination_port = (_v1_port(text) for text in fields[4:6])
    return end + 2, (source, port)


def _v1_address(
    text: str, family: type[ipaddress.IPv4Address] | type[ipaddress.IPv6Address]
) -> str:
    """An address of the header's family, with no scope id (``fe80::1%eth0``: a name of the
    balancer's own interface, meaningless for a client, and free text in a log line)."""
    if "%" in text:
        raise ProxyProtocolError("malformed PROXY v1 address")
    try:
        return str(family(text))
    except ValueError:
        raise ProxyProtocolError("malformed PROXY v1 address") from None


def _v1_port(text: str) -> int:
    """Plain decimal digits only: ``int()`` would also take '+5', ' 5' and '1_0'."""
    if not 1 <= len(text) <= 5 or not all("0" <= c <= "9" for c in text) or int(text) > 65535:
        raise ProxyProtocolError("malformed PROXY v1 port")
    return int(text)


def _parse_v2(data: bytes) -> tuple[int, Address | None] | None:
    if len(data) < V2_FIXED:
        return None
    version_command, family, length = struct.unpack("!BBH", data[12:16])
    if version_command >> 4 != 2 or length > V2_MAX_PAYLOAD:
        raise ProxyProtocolError("unsupported PROXY v2 header")
    if len(data) < V2_FIXED + length:
        return None
    total = V2_FIXED + length
    command = version_command & 0x0F
    payload = data[V2_FIXED:total]
    if command == 0:  # LOCAL: the balancer's own connection (a health check)
        return total, None
    if command != 1:  # PROXY is the only other command the spec defines
        raise ProxyProtocolError("unsupported PROXY v2 command")
    if family >> 4 == 1 and length >= 12:  # AF_INET
        return total, (str(ipaddress.IPv4Address(payload[0:4])), _port(payload[8:10]))
    if family >> 4 == 2 and length >= 36:  # AF_INET6
        return total, (str(ipaddress.IPv6Address(payload[0:16])), _port(payload[32:34]))
    return total, None


def _port(data: bytes) -> int:
    return int(struct.unpack("!H", data)[0])


async def read_header(sock: socket.socket) -> Address | None:
    """Read the header off a non-blocking socket, leaving the SSH bytes after it unread.

    Bytes known to belong to the header are taken off the socket as they arrive, so that
    waiting for the rest is waiting for the socket to become readable again (a header sent
    in pieces costs no CPU while it waits)."""
    loop = asyncio.get_running_loop()
    header = b""
    while True:
        await _readable(loop, sock)
        data = sock.recv(PEEK_SIZE, socket.MSG_PEEK)
        if not data:
            raise ProxyProtocolError("closed before the PROXY header")
        parsed = parse_header(header + data)
        if parsed is None:  # all of it is header, and more is to come
            header += sock.recv(len(data))
            continue
        length, address = parsed
        sock.recv(length - len(header))
        return address


async def _readable(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> None:
    ready = loop.create_future()
    loop.add_reader(sock.fileno(), lambda: ready.done() or ready.set_result(None))
    try:
        await ready
    finally:
        loop.remove_reader(sock.fileno())
