def test_the_stylesheet_is_served(client):
    response = client.get("/static/carnet/carnet.css")
    assert response.status_code == 200
    assert b"--accent" in b"".join(response.streaming_content)


def test_pages_ask_nothing_of_other_hosts(client, network):
    html = client.get("/euromed/").content.decode()
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html
    assert "//" not in html.replace("http://www.w3.org/2000/svg", "").replace("<!--", "")
