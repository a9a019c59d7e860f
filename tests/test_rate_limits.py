from regstats.sources._http import HttpClient, HttpSettings
from regstats.sources.publishers import PUBLISHERS
from regstats.sources.pxweb2 import PxWeb2Client


def test_scb_limits_are_read_from_config_and_respected(fake, monkeypatch):
    monkeypatch.setenv("REGSTATS_HTTP_RATE_SCALE", "1")
    fake.rate.enforce = True
    fake.limits["scb"] = (3, 1.0)  # what the fake's /config now says
    client = PxWeb2Client(HttpClient(PUBLISHERS["scb"], HttpSettings(retries=0)))
    assert client.config()["maxCallsPerTimeWindow"] == 3
    for table_id in ["TAB638", "TAB5557", "TAB6471", "TAB5663", "TAB638", "TAB5557"]:
        assert client.table(table_id).table == table_id
    statuses = [status for *_, status in fake.requests]
    assert statuses == [200] * 7  # the fake would have answered 429 had we gone faster


def test_the_fake_enforces_the_documented_limit_on_clients_that_ignore_it(fake):
    import requests

    fake.rate.enforce = True
    fake.limits["ki"] = (2, 10.0)
    url = fake.urls()["ki"] + "/KonjBar/indikatorer"
    answers = [requests.get(url, timeout=2) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].headers["Retry-After"].isdigit()
