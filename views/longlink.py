"""An over-long link gets a short page explaining the limit, from the app alone (nginx: deploy/)."""

# Streamlit serves the app with uvicorn, whose HTTP parser (h11) refuses a request head of more than 16 kB
# that arrives in pieces and answers a bare "400 Invalid HTTP request received". This wraps uvicorn's
# answer: when the refused head is that long, the browser gets 414 and geo.linkpage's page instead. It
# reaches into uvicorn's H11Protocol (not a public API): if that changes, the wrapper is not installed and
# uvicorn's own answer stays, and tests/e2e/test_legible_browser.py fails.

from __future__ import annotations

from geo.linkpage import link_too_long_html

LIMIT = 16 * 1024  # bytes: h11's largest incomplete event (uvicorn's default)
_MARK = "_pilot_zones_long_link"


def install() -> bool:
    """Wrap uvicorn's 400 answer once per process; True if it is (or already was) wrapped."""
    try:
        import h11
        from uvicorn.protocols.http.h11_impl import H11Protocol
    except ImportError:
        return False
    original = H11Protocol.send_400_response
    if getattr(original, _MARK, False):
        return True
    page = link_too_long_html().encode("utf-8")

    def send_400_response(self, msg: str) -> None:
        pending = getattr(self.conn, "_receive_buffer", b"")
        if len(pending) <= LIMIT:
            return original(self, msg)
        headers = [(b"content-type", b"text/html; charset=utf-8"), (b"connection", b"close")]
        head = h11.Response(status_code=414, headers=headers, reason=b"URI Too Long")
        self.transport.write(self.conn.send(head))
        self.transport.write(self.conn.send(h11.Data(data=page)))
        self.transport.write(self.conn.send(h11.EndOfMessage()))
        self.transport.close()

    setattr(send_400_response, _MARK, True)
    H11Protocol.send_400_response = send_400_response  # type: ignore[method-assign]
    return True
