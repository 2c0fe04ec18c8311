from core.passwords import hash_password, verify_user
from data_models import User


def test_password_hash_is_salted_scrypt_with_modern_cost():
    first, second = hash_password("demo12345"), hash_password("demo12345")
    method, salt, digest = first.split("$")
    name, n, r, p = method.split(":")
    assert name == "scrypt" and int(n) >= 2 ** 15 and int(r) >= 8
    assert first != second and len(salt) >= 16 and "demo12345" not in first


def test_old_scheme_is_upgraded_on_login(db_session, demo):
    from werkzeug.security import generate_password_hash

    user = db_session.query(User).filter_by(username="donghu_drafter").one()
    user.password_hash = generate_password_hash("demo12345", method="pbkdf2:sha256:1000")
    db_session.commit()
    assert verify_user(db_session, "donghu_drafter", "demo12345") is user
    assert user.password_hash.startswith("scrypt:")
