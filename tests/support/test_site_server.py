"""The tests' and the benchmark's server (tests/support/site.py): a browser that hangs up before
an answer has ended is no error of the server's, and says nothing on stderr; the next request is
answered as before."""

from __future__ import annotations

import socket
import struct
import time
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

from tests.support.site import serve_directory, still_answering

LARGE = 8 * 1024 * 1024  # far more than the sockets' buffers hold, so the server is still sending


def test_a_browser_that_hangs_up_mid_answer_leaves_no_traceback(tmp_path: Path, capfd):
    (tmp_path / "large.bin").write_bytes(bytes(LARGE))
    (tmp_path / "small.txt").write_text("answered")
    with serve_directory(tmp_path) as url:
        address = urlsplit(url)
        with socket.create_connection((address.hostname, address.port)) as connection:
            connection.sendall(b"GET /large.bin HTTP/1.0\r\n\r\n")
            assert connection.recv(4096).startswith(b"HTTP/1.0 200")
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # closed at once, with a reset
        deadline = time.monotonic() + 10
        while still_answering() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert still_answering() == []
        with urlopen(url + "small.txt", timeout=10) as response:
            assert response.read() == b"answered"
    assert "Traceback" not in capfd.readouterr().err
