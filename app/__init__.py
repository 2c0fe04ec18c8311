"""Flask application factory."""
from flask import Flask

from core import db as core_db
from core.config import load_settings
from tasks import configure_celery

from .extensions import csrf, db, limiter, login_manager, migrate


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    settings = load_settings(**(test_config or {}).get("SETTINGS", {}))
    app.config.from_mapping(
        SECRET_KEY=settings.secret_key,
        SQLALCHEMY_DATABASE_URI=settings.database_url,
        SQLALCHEMY_ENGINE_OPTIONS=core_db.engine_options(settings.database_url),
        MAX_CONTENT_LENGTH=settings.max_upload_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        WENGAO=settings,
    )
    app.config.update({k: v for k, v in (test_config or {}).items() if k != "SETTINGS"})
    configure_celery(settings)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    from . import auth  # noqa: F401  (registers the user loader)


def register_blueprints(app: Flask) -> None:
    from .auth import bp as auth_bp
    from .committees import bp as committees_bp
    from .main import bp as main_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(committees_bp, url_prefix="/committees")
    # Top navigation: (endpoint, label) for each area, in menu order.
    app.config["NAV_LINKS"] = []
    app.context_processor(_template_globals)


def _template_globals() -> dict:
    from flask import current_app

    from . import messages

    return {
        "nav_links": current_app.config["NAV_LINKS"],
        "role_names": messages.ROLE_NAMES,
        "level_names": messages.LEVEL_NAMES,
        "task_states": messages.TASK_STATES,
        "status_names": messages.REPORT_STATUSES,
    }


def register_errorhandlers(app: Flask) -> None:
    from .errors import register

    register(app)


def register_commands(app: Flask) -> None:
    from .cli import register

    register(app)
