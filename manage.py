#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # With neither SECRET_KEY nor DEBUG set, this is a developer's machine: run in development
    # mode. Production sets SECRET_KEY (and is served by config.wsgi, which never defaults DEBUG).
    if "SECRET_KEY" not in os.environ:
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
