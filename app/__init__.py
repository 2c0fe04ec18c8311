"""Flask application factory."""
from flask import Flask

from core import db as core_db
from core.config import load_settings
from tasks import config as task_config

from . import jobs, timing
from .labels import task_name
from .times import beijing
from .extensions import csrf, db, limiter, login_manager
from .security.inputs import CleanJSONProvider, CleanRequest


FORM_OVERHEAD = 64 * 1024  # multipart framing and fields around a file of exactly MAX_UPLOAD_MB


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.request_class = CleanRequest  # XML-invalid characters never reach a view (core.cleaning)
    app.json = CleanJSONProvider(app)
    settings = load_settings(**(test_config or {}).get("SETTINGS", {}))
    app.config.from_mapping(
        SECRET_KEY=settings.secret_key,
        SQLALCHEMY_DATABASE_URI=settings.database_url,
        SQLALCHEMY_ENGINE_OPTIONS=core_db.engine_options(settings.database_url),
        MAX_CONTENT_LENGTH=settings.max_upload_bytes + FORM_OVERHEAD,  # the file itself: core.uploads
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        WENGAO=settings,
    )
    app.config.update({k: v for k, v in (test_config or {}).items() if k != "SETTINGS"})
    task_config.configure(settings)  # Celery itself loads with the first job enqueued
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    jobs.install(app)
    timing.install(app)  # Server-Timing: app;dur, cpu;dur on every response
    return app


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    from . import auth  # noqa: F401  (registers the user loader)


# Every area of the web app: app/<area>/ defines a blueprint `bp`, optionally NAV and a cli.py.
# Listed, not scanned: tests/test_factory.py checks that no area package is left out.
AREAS = ("api", "api_docs", "audit", "auth", "committees", "ledger", "main", "masking", "metrics", "proofreading",
         "publishing", "reports", "review", "security", "tokens", "upward", "upward_api", "visits")


def area_packages() -> list:
    """The area packages, in AREAS order."""
    import importlib

    return [importlib.import_module(f"{__name__}.{name}") for name in AREAS]


def register_blueprints(app: Flask) -> None:
    """Each area declares its own url_prefix and, optionally, NAV = (order, endpoint, label)."""
    nav = []
    for area in area_packages():
        if hasattr(area, "register"):  # an area with its own registration (the OpenAPI-described REST API)
            area.register(app)
        else:
            app.register_blueprint(area.bp)
        if hasattr(area, "NAV"):
            nav.append(area.NAV)
    # Top navigation: (endpoint, label) for each area, in menu order.
    app.config["NAV_LINKS"] = [(endpoint, label) for _, endpoint, label in sorted(nav)]
    app.context_processor(_template_globals)
    app.add_template_filter(beijing, "beijing")  # every time shown on a page, in Beijing time
    app.add_template_filter(task_name, "task_name")  # 生成文档, never render_report


def _template_globals() -> dict:
    from flask import current_app

    from data_models import NodeType, OfdState, PdfState, ReportStatus, TaskState, VisitStatus

    from . import messages

    return {
        "nav_links": current_app.config["NAV_LINKS"],
        "role_names": messages.ROLE_NAMES,
        "level_names": messages.LEVEL_NAMES,
        "task_states": TaskState.labels(),
        "status_names": ReportStatus.labels(),
        "ReportStatus": ReportStatus,
        "NodeType": NodeType,
        "PdfState": PdfState,
        "OfdState": OfdState,
        "VisitStatus": VisitStatus,
    }


def register_errorhandlers(app: Flask) -> None:
    from .errors import register

    register(app)


def register_commands(app: Flask) -> None:
    from .cli import register

    register(app)
