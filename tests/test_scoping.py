def test_county_cannot_read_other_county(client, demo):
    client.login("donghu_drafter")
    assert client.get(f"/committees/{demo.county_a.id}").status_code == 200
    response = client.get(f"/committees/{demo.county_b.id}")
    assert response.status_code == 404
    assert "不属于本委员会" in response.get_data(as_text=True)


def test_county_cannot_read_its_superior(client, demo):
    client.login("donghu_admin")
    assert client.get(f"/committees/{demo.city.id}").status_code == 404


def test_city_reads_its_counties(client, demo):
    client.login("city_reviewer")
    page = client.get(f"/committees/{demo.city.id}").get_data(as_text=True)
    assert "政协西山县委员会" in page
    assert client.get(f"/committees/{demo.county_b.id}").status_code == 200
