"""A pyftpdlib server that fails on cue, for the queue's retry tests.

RETR or STOR of a file whose name starts with `perm-` is refused with a 5xx; `temp-` files
answer 450 to their first two RETRs, then succeed. `--max-per-ip` makes extra connections
get pyftpdlib's own `421 Too many connections`. Arguments come as flags; nothing reads stdin.
"""
import argparse
import os

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer

TEMPORARY_FAILURES = 2


class FaultyHandler(FTPHandler):
    temp_failures = {}

    def ftp_RETR(self, file):
        name = os.path.basename(file)
        if name.startswith("perm-"):
            self.respond("550 Permission denied (injected).")
            return
        if name.startswith("temp-"):
            seen = FaultyHandler.temp_failures.get(file, 0)
            if seen < TEMPORARY_FAILURES:
                FaultyHandler.temp_failures[file] = seen + 1
                self.respond("450 File busy, try again later (injected).")
                return
        return super().ftp_RETR(file)

    def ftp_STOR(self, file, mode="w"):
        if os.path.basename(file).startswith("perm-"):
            self.respond("553 Not allowed to store here (injected).")
            return
        return super().ftp_STOR(file, mode)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--passive-min", type=int, required=True)
    parser.add_argument("--passive-max", type=int, required=True)
    parser.add_argument("--max-per-ip", type=int, default=0)
    args = parser.parse_args()

    authorizer = DummyAuthorizer()
    authorizer.add_user(args.user, args.password, args.root, perm="elradfmwMT")
    handler = FaultyHandler
    handler.authorizer = authorizer
    handler.banner = "Ferry faulty test server"
    handler.passive_ports = range(args.passive_min, args.passive_max + 1)
    handler.auth_failed_timeout = 0
    server = FTPServer(("127.0.0.1", args.port), handler)
    server.max_cons = 256
    server.max_cons_per_ip = args.max_per_ip
    server.serve_forever(handle_exit=True)


if __name__ == "__main__":
    main()
