"""The `undersigned` command: Django's manage.py for this project."""

import os
import secrets
import sys

# Commands that only talk to a site over HTTP: anyone may run them on their own machine,
# with no server configuration and no database of their own.
CLIENT_COMMANDS = {"verify", "witness"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")
    if len(sys.argv) > 1 and sys.argv[1] in CLIENT_COMMANDS:
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
        os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
