"""Ferry's pyftpdlib test server: one user, one root, 127.0.0.1 only.

Started by test/harness/servers/pyftpdlib.ts as the test user (so file permissions behave as
on a real server). Arguments come as flags; nothing is read from stdin.
"""
import argparse
import logging

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer


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

    logging.basicConfig(filename=args.log, level=logging.INFO,
                        format="%(asctime)s %(message)s")

    authorizer = DummyAuthorizer()
    # All permissions: list, read, write, append, delete, rename, mkdir, chmod, mtime.
    authorizer.add_user(args.user, args.password, args.root, perm="elradfmwMT")

    handler = FTPHandler
    handler.authorizer = authorizer
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
