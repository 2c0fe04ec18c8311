"""Every response says how long the app itself took (Server-Timing: app and CPU time, milliseconds)."""
import re

TIMING = re.compile(r"^app;dur=(\d+\.\d), cpu;dur=(\d+\.\d)$")


def test_pages_carry_server_timing(client, demo):
    assert TIMING.match(client.get("/auth/login").headers["Server-Timing"])
    client.login("donghu_drafter")
    page = client.get("/")
    assert page.status_code == 200 and TIMING.match(page.headers["Server-Timing"])
    missing = client.get("/reports/999999")
    assert missing.status_code == 404 and TIMING.match(missing.headers["Server-Timing"])
