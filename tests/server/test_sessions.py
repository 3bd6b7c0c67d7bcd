"""Tokens expire (idle and absolute lifetime, renewed by use), and a user sees and
revokes their own devices: through the API on both databases, and the `fieldkit devices`
commands against the real server on loopback."""

from __future__ import annotations

ME = "/api/v1/auth/me"
DEVICES = "/api/v1/auth/devices"


def test_a_token_unused_for_the_idle_time_expires_and_use_renews_it(tmp_path, database_url):
    from fieldkit.server.config import Settings
    from tests.server.conftest import Api, _fresh_dir

    api = Api(
        _fresh_dir(tmp_path, database_url),
        database_url=database_url,
        settings=Settings(token_idle_days=14, token_max_days=100),
    )
    try:
        headers = api.headers("agent-bzh")
        for _ in range(3):  # used every 10 days: 30 days in all, past 14 days of idle time
            api.clock.advance(days=10)
            assert api.client.get(ME, headers=headers).status_code == 200
        api.clock.advance(days=14, seconds=1)
        refused = api.client.get(ME, headers=headers)
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "token_expired"
    finally:
        api.close()


def test_a_token_expires_at_its_absolute_lifetime_however_often_it_is_used(api):
    headers = api.headers("coordinator")
    for _ in range(29):
        api.clock.advance(days=1)
        assert api.client.get(ME, headers=headers).status_code == 200
    api.clock.advance(days=1, seconds=1)
    refused = api.client.get(ME, headers=headers)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "token_expired"
    # A new login works as before.
    api._tokens.clear()
    assert api.client.get(ME, headers=api.headers("coordinator")).status_code == 200


def test_a_user_lists_and_revokes_their_own_devices_only(api):
    laptop = api.headers("agent-bzh", "laptop")
    tablet = api.headers("agent-bzh", "tablet")
    other = api.headers("agent-occ", "laptop")
    listed = api.client.get(DEVICES, headers=laptop).json()["devices"]
    assert sorted(d["device_name"] for d in listed) == ["laptop", "tablet"]
    assert [d["current"] for d in listed if d["device_name"] == "laptop"] == [True]
    tablet_id = next(d["id"] for d in listed if d["device_name"] == "tablet")
    occ_id = api.client.get(DEVICES, headers=other).json()["devices"][0]["id"]

    # Another user's device and an unknown id answer alike, and nothing is revoked.
    for device_id in (occ_id, 999_999):
        refused = api.client.delete(f"{DEVICES}/{device_id}", headers=laptop)
        assert refused.status_code == 404
    assert api.client.get(ME, headers=other).status_code == 200

    assert api.client.delete(f"{DEVICES}/{tablet_id}", headers=laptop).status_code == 204
    assert api.client.get(ME, headers=tablet).status_code == 401
    assert api.client.get(ME, headers=laptop).status_code == 200
    listed = api.client.get(DEVICES, headers=laptop).json()["devices"]
    assert [d["device_name"] for d in listed] == ["laptop"]


def test_the_devices_commands_list_and_revoke_against_the_real_server(live_server, tmp_path):
    from click.testing import CliRunner

    from fieldkit.cli import main
    from tests.sync.conftest import Device

    laptop = Device(live_server, tmp_path, "agent-bzh", name="laptop")
    lost = Device(live_server, tmp_path, "agent-bzh", name="lost-laptop")
    try:
        home = ["--home", str(laptop.home.root)]
        listed = CliRunner().invoke(main, [*home, "devices"])
        assert listed.exit_code == 0, listed.output
        assert "lost-laptop" in listed.output
        with laptop.client() as client:
            devices = client.devices()
        lost_id = next(d["id"] for d in devices if d["device_name"] == "lost-laptop")
        revoked = CliRunner().invoke(main, [*home, "devices", "revoke", str(lost_id)])
        assert revoked.exit_code == 0, revoked.output
        with laptop.client() as client:
            assert [d["device_name"] for d in client.devices()] == ["laptop"]
        gone = CliRunner().invoke(main, [*home, "devices", "revoke", str(lost_id)])
        assert gone.exit_code == 1
    finally:
        laptop.close()
        lost.close()
