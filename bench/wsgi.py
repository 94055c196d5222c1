"""The site's WSGI application, plus the load bench's floor: GET /__bench/fixed-20kb answers a
fixed 20 KB page from the same gunicorn worker without going into Django, so every page's
requests per second can be read as a share of what this server can do at all (bench/load.py).
Only bench/load.py serves this; production runs config.wsgi (which this serves for every
other path)."""

from config.wsgi import application as site_application

FIXED = (b"<!DOCTYPE html><html><body><p>" + b"x" * 20_400 + b"</p></body></html>")[:20_480]
FLOOR_PATH = "/__bench/fixed-20kb"


def application(environ, start_response):
    if environ.get("PATH_INFO") == FLOOR_PATH:
        start_response(
            "200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(FIXED)))]
        )
        return [FIXED]
    return site_application(environ, start_response)
