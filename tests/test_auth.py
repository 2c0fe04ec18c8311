from data_models import User


def test_login_and_logout(client, demo):
    page = client.login("donghu_drafter").get_data(as_text=True)
    assert "登录成功" in page
    assert "政协东湖县委员会" in page
    page = client.logout().get_data(as_text=True)
    assert "您已退出登录" in page
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_in_chinese(client, demo):
    page = client.login("donghu_drafter", "wrong").get_data(as_text=True)
    assert "用户名或密码错误" in page
    assert client.get("/").status_code == 302


def test_inactive_user_cannot_login(client, demo, db_session):
    user = db_session.query(User).filter_by(username="donghu_drafter").one()
    user.active = False
    db_session.commit()
    assert "用户名或密码错误" in client.login("donghu_drafter").get_data(as_text=True)


def test_login_without_csrf_token_is_refused(client, demo):
    response = client.post("/auth/login", data={"username": "donghu_drafter", "password": "demo12345"}, csrf=False)
    assert response.status_code == 400
    assert "页面已过期" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_passwords_are_hashed_with_scrypt(demo, db_session):
    user = db_session.query(User).filter_by(username="city_admin").one()
    assert user.password_hash.startswith("scrypt:")
    assert "demo12345" not in user.password_hash


def test_open_redirect_after_login_is_refused(client, demo):
    client.get("/auth/login")
    response = client.post("/auth/login?next=https://evil.example/", data={"username": "city_admin", "password": "demo12345"})
    assert response.headers["Location"] == "/"
