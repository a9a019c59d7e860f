import socket

import pytest
from pytest_socket import SocketConnectBlockedError


@pytest.mark.parametrize("address", [("203.0.113.7", 80), ("10.1.2.3", 443), ("192.168.1.1", 8080)])
def test_the_test_session_refuses_connections_beyond_loopback(address):
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(address, timeout=1)
