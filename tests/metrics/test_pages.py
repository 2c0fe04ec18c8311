from core.demo import ledger as demo_ledger


def seeded(db_session):
    demo_ledger.seed(db_session)
    db_session.commit()


def test_metrics_page_links_each_value_to_its_records(client, db_session, demo):
    seeded(db_session)
    client.login("donghu_drafter")
    page = client.get("/metrics/?period=2023").get_data(as_text=True)
    assert "党组会议次数" in page and "/metrics/party_group_meetings/records?period=2023" in page
    records = client.get("/metrics/party_group_meetings/records?period=2023").get_data(as_text=True)
    assert "党组会议次数：18次" in records and "18 条台账记录" in records
    assert client.get("/metrics/no_such_metric/records").status_code == 404


def test_rollup_page_for_a_superior_only(client, db_session, demo):
    seeded(db_session)
    client.login("city_drafter")
    page = client.get("/metrics/rollup?period=2023H1").get_data(as_text=True)
    assert "全系统汇总" in page and "东湖县政协" in page and "西山县政协" in page
    client.logout()
    client.login("donghu_drafter")
    assert client.get("/metrics/rollup").status_code == 404


def test_bad_period_is_explained(client, db_session, demo):
    seeded(db_session)
    client.login("donghu_drafter")
    assert "无法识别的统计期间" in client.get("/metrics/?period=明年", follow_redirects=True).get_data(as_text=True)


def test_bad_period_shows_under_the_field_with_what_was_typed(client, db_session, demo):
    seeded(db_session)
    client.login("city_drafter")
    for url in ("/metrics/?period=2023H3", "/metrics/rollup?period=2023H3"):
        response = client.get(url)
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert 'value="2023H3"' in page and '<p class="field-error">' in page, url


def test_rollup_values_open_to_their_records(client, db_session, demo):
    seeded(db_session)
    client.login("city_drafter")
    page = client.get("/metrics/rollup?period=2023").get_data(as_text=True)
    assert f"committee={demo.county_a.id}" in page and "system=1" in page
    system = client.get("/metrics/party_group_meetings/records?period=2023&system=1").get_data(as_text=True)
    county = client.get(f"/metrics/party_group_meetings/records?period=2023&committee={demo.county_a.id}").get_data(as_text=True)
    assert "东湖县政协党组会议" in system and "西山县政协党组会议" in system and "清河市政协党组会议" in system
    assert "东湖县政协党组会议" in county and "西山县政协党组会议" not in county
    client.logout()
    client.login("donghu_drafter")
    assert client.get(f"/metrics/party_group_meetings/records?committee={demo.county_b.id}").status_code == 404
    page = client.get("/metrics/party_group_meetings/records?period=2023&system=1").get_data(as_text=True)
    assert "西山县政协党组会议" not in page


def test_metrics_page_shows_year_on_year(client, db_session, demo):
    seeded(db_session)
    client.login("donghu_drafter")
    page = client.get("/metrics/?period=2023").get_data(as_text=True)
    assert "上年同期" in page and "同比增长" in page
