"""The SpineKG web server: a Flask app factory; nothing runs at import time.

``flask --app server run`` finds :func:`create_app`; production serving goes through gunicorn
(:func:`server.wsgi.serve`).
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, Response, current_app
from werkzeug.exceptions import InternalServerError

from server import browse, ddx, lookup, saved, search, sparql
from server.config import default_config


def create_app(test_config: Mapping | None = None) -> Flask:
    """Create the app: layered configuration, security headers, blueprints.

    Configuration layers, later ones winning: :func:`server.config.default_config`, then
    ``SPINEKG_*`` environment variables, then ``test_config``.

    Args:
        test_config: settings that override everything else (tests, the serve command).

    Returns:
        The configured Flask app.
    """
    app = Flask(__name__)
    app.config.from_mapping(default_config())
    app.config.from_prefixed_env("SPINEKG")
    if test_config:
        app.config.from_mapping(test_config)
    app.after_request(_set_security_headers)
    app.register_error_handler(InternalServerError, _internal_error)

    sparql.init_app(app)
    search.init_app(app)
    saved.init_app(app)
    browse.init_app(app)
    lookup.init_app(app)
    ddx.init_app(app)
    return app


def _set_security_headers(response: Response) -> Response:
    """Set the Content-Security-Policy and no-sniffing headers on every response."""
    response.headers["Content-Security-Policy"] = current_app.config["CONTENT_SECURITY_POLICY"]
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _internal_error(error: InternalServerError) -> Response:
    """Answer an unexpected failure with a plain message; the traceback goes to the log only."""
    return Response(
        "internal error; the server log has the details\n", status=500, mimetype="text/plain"
    )
