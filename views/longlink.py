"""An over-long link gets a short page explaining the limit, from the app alone (nginx: deploy/)."""

# Streamlit serves the app with uvicorn, whose HTTP parser (h11) refuses a request head of more than 16 kB
# that arrives in pieces and answers a bare "400 Invalid HTTP request received", but accepts the same head
# when it arrives at once (how the socket splits it decides). This wraps uvicorn's protocol so that the
# answer does not depend on that: a request line longer than the limit, whole or still arriving, and a head
# h11 refuses for being that long, get 414 and geo.linkpage's page. It reaches into uvicorn's H11Protocol and
# h11's receive buffer (not public APIs): if they change, the wrapper is not installed and uvicorn's own
# answer stays, and tests/e2e/test_legible_browser.py fails.

from __future__ import annotations

from geo.linkpage import link_too_long_html

LIMIT = 16 * 1024  # bytes: h11's largest incomplete event (uvicorn's default)
_MARK = "_pilot_zones_long_link"


def install() -> bool:
    """Wrap uvicorn's HTTP protocol once per process; True if it is (or already was) wrapped."""
    try:
        import h11
        from uvicorn.protocols.http.h11_impl import H11Protocol
    except ImportError:
        return False
    if getattr(H11Protocol.handle_events, _MARK, False):
        return True
    page = link_too_long_html().encode("utf-8")
    events, refuse = H11Protocol.handle_events, H11Protocol.send_400_response

    def pending(self) -> bytes:
        return bytes(getattr(self.conn, "_receive_buffer", b""))

    def too_long(self) -> None:
        headers = [(b"content-type", b"text/html; charset=utf-8"), (b"connection", b"close")]
        head = h11.Response(status_code=414, headers=headers, reason=b"URI Too Long")
        self.transport.write(self.conn.send(head))
        self.transport.write(self.conn.send(h11.Data(data=page)))
        self.transport.write(self.conn.send(h11.EndOfMessage()))
        self.transport.close()

    def handle_events(self) -> None:
        if self.conn.their_state is h11.IDLE:  # a request head is arriving: its first line is the link
            line = pending(self).split(b"\r\n", 1)[0]
            if len(line) > LIMIT:
                return too_long(self)
        return events(self)

    def send_400_response(self, msg: str) -> None:
        return too_long(self) if len(pending(self)) > LIMIT else refuse(self, msg)

    setattr(handle_events, _MARK, True)
    H11Protocol.handle_events = handle_events  # type: ignore[method-assign]
    H11Protocol.send_400_response = send_400_response  # type: ignore[method-assign]
    return True
