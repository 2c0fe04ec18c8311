"""Cross-cutting protection: security headers on every response and cookie flags.

No pages of its own; the blueprint only hooks into the app (auto-registered like every area).
A page that needs an inline <script> gives it nonce="{{ csp_nonce() }}".
"""
import secrets

from flask import Blueprint, Flask, current_app, request

bp = Blueprint("security", __name__, url_prefix="/security")

CSP = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")
HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@bp.record_once
def _configure_cookies(state) -> None:
    """HttpOnly + SameSite always; Secure (and HSTS) when SECURE_COOKIES is set for HTTPS."""
    app: Flask = state.app
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax")
    if app.config["WENGAO"].secure_cookies:
        app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)


def csp_nonce() -> str:
    """One random nonce per request (kept in the WSGI environ: tests share one app context)."""
    return request.environ.setdefault("wengao.csp_nonce", secrets.token_urlsafe(16))


@bp.app_context_processor
def _nonce_helper():
    return {"csp_nonce": csp_nonce}


@bp.after_app_request
def _security_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Content-Security-Policy", CSP.format(nonce=csp_nonce()))
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if response.mimetype == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    return response
