"""Ferry's pyftpdlib test server: one user, one root, 127.0.0.1 only.

Started by test/harness/servers/pyftpdlib.ts as the test user (so file permissions behave as
on a real server). Arguments come as flags; nothing is read from stdin.
"""
import argparse
import logging

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import ActiveDTP, FTPHandler
from pyftpdlib.servers import FTPServer


class HandedOffActiveDTP(ActiveDTP):
    """pyftpdlib 1.5.7 bug (upstream pull request #657): once a PORT/EPRT connection is made,
    ActiveDTP hands its socket to a DTPHandler but keeps the fd number. When the session later
    QUITs (or sends PORT/PASV again), ActiveDTP.close() unregisters that number from the IO loop,
    although the transfer has long closed the fd and another client's socket may hold it now:
    that client is never polled again and waits forever for a reply. Asyncore's own
    del_channel forgets the number; pyftpdlib's override does not, so forget it here.
    """

    def del_channel(self, map=None):
        super().del_channel(map)
        self._fileno = None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--passive-min", type=int, required=True)
    parser.add_argument("--passive-max", type=int, required=True)
    parser.add_argument("--masquerade", default=None)
    parser.add_argument("--max-per-ip", type=int, default=0)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()

    # DEBUG: every command and reply, with the session's address, for reading when a test fails.
    logging.basicConfig(filename=args.log, level=logging.DEBUG,
                        format="%(asctime)s %(message)s")

    authorizer = DummyAuthorizer()
    # All permissions: list, read, write, append, delete, rename, mkdir, chmod, mtime.
    authorizer.add_user(args.user, args.password, args.root, perm="elradfmwMT")

    handler = FTPHandler
    handler.authorizer = authorizer
    handler.active_dtp = HandedOffActiveDTP
    handler.banner = "Ferry test pyftpdlib"
    handler.passive_ports = range(args.passive_min, args.passive_max + 1)
    if args.masquerade:
        # NAT simulation: PASV names an address the client must not use (it should fall back
        # to the control connection's address).
        handler.masquerade_address = args.masquerade
    # Failed logins answer at once (default waits 3 s) so wrong-password tests stay quick.
    handler.auth_failed_timeout = 0

    server = FTPServer(("127.0.0.1", args.port), handler)
    server.max_cons = 256
    server.max_cons_per_ip = args.max_per_ip
    server.serve_forever(handle_exit=True)


if __name__ == "__main__":
    main()
