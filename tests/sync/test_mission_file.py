"""Mission files: made by the server, opened by the client, against the real server on
loopback (plain HTTP, and HTTPS with a self-signed certificate pinned by the file)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from fieldkit.cli import main as cli
from fieldkit.paths import Home
from fieldkit.server import mission as server_mission
from fieldkit.store import Store
from fieldkit.sync import SyncClient, SyncError, login
from fieldkit.sync import client as sync_client
from fieldkit.sync.mission_file import (
    MISSION_NAME,
    MissionFileError,
    check_server,
    open_mission,
    read_mission_file,
    server_info,
)
from tests.conftest_server import LiveServer


def export(server: LiveServer, out: Path, *extra: str) -> Path:
    result = CliRunner().invoke(
        cli,
        ["server", "mission-file", "--data", str(server.data_dir), "--out", str(out)]
        + ["--url", server.url, *extra],
    )
    assert result.exit_code == 0, result.output
    return out


def other_device(tmp_path: Path, name: str) -> Store:
    return Store.open(Home(tmp_path / name).ensure(), check_same_thread=False)


@pytest.fixture
def seeded(live_server: LiveServer, tmp_path: Path) -> dict[str, Any]:
    """A place already on the server (sent by another agent), for the first sync to bring."""
    store = other_device(tmp_path, "colleague")
    login(store, live_server.url, "agent-bzh", live_server.passwords["agent-bzh"])
    place = store.create_place(
        name="La Grange numérique", kind="fablab", postcode="29200", commune="Brest"
    )
    with SyncClient.from_settings(store) as client:
        client.sync()
    store.close()
    return place


def test_round_trip_create_open_login_first_sync(
    live_server: LiveServer, tmp_path: Path, seeded: dict[str, Any]
) -> None:
    CliRunner().invoke(
        cli,
        ["server", "config", "--data", str(live_server.data_dir), "--mission-name", "Étude 2026"],
    )
    path = export(live_server, tmp_path / "mission.fieldkit", "--user", "agent-bzh")
    mission = read_mission_file(path)
    assert mission.server_url == live_server.url
    assert mission.mission_name == "Étude 2026"
    assert mission.user == "agent-bzh"
    assert mission.tls_fingerprint is None

    store = other_device(tmp_path, "laptop")
    answer = open_mission(store, mission, live_server.passwords["agent-bzh"])
    assert answer["role"] == "agent" and answer["regions"] == ["53"]
    assert answer["info"]["mission_name"] == "Étude 2026"
    assert store.get_setting(sync_client.SERVER_URL) == live_server.url
    assert store.get_setting(MISSION_NAME) == "Étude 2026"
    with SyncClient.from_settings(store) as client:
        summary = client.sync()
    assert summary.pulled >= 1
    assert store.get("place", seeded["id"])["name"] == "La Grange numérique"
    store.close()


def test_cli_mission_open_logs_in_and_syncs(
    live_server: LiveServer, tmp_path: Path, seeded: dict[str, Any]
) -> None:
    path = export(live_server, tmp_path / "m.fieldkit", "--name", "Mission CLI")
    home = tmp_path / "cli-home"
    result = CliRunner().invoke(
        cli,
        ["--home", str(home), "mission", "open", str(path), "--user", "agent-bzh"],
        input=live_server.passwords["agent-bzh"] + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "Mission 'Mission CLI'" in result.output
    assert "Logged in as agent-bzh" in result.output
    assert "received 1 record(s)" in result.output
    shown = CliRunner().invoke(cli, ["mission", "show", str(path)])
    assert shown.exit_code == 0 and "Signature: valid." in shown.output


@pytest.mark.parametrize(
    ("field", "value"),
    [("server_url", "http://127.0.0.1:1"), ("user", "admin"), ("mission_name", "Autre")],
)
def test_a_tampered_file_is_refused_before_any_network_use(
    live_server: LiveServer, tmp_path: Path, field: str, value: str
) -> None:
    path = export(live_server, tmp_path / "m.fieldkit", "--name", "M", "--user", "agent-bzh")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["payload"][field] = value
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(MissionFileError) as err:
        read_mission_file(path)
    assert err.value.code == "mission_file_tampered"
    assert "changed after the server issued it" in str(err.value)
    result = CliRunner().invoke(
        cli, ["--home", str(tmp_path / "h"), "mission", "open", str(path)], input="x\n"
    )
    assert result.exit_code == 1
    assert "changed after the server issued it" in result.output


def test_a_file_from_another_server_is_refused_before_the_password(
    live_server: LiveServer, tmp_path: Path
) -> None:
    # Another mission's server signed it, but it points at this server.
    foreign_dir = tmp_path / "other-server"
    doc = server_mission.make_mission_file(foreign_dir, live_server.url, name="Autre mission")
    path = tmp_path / "foreign.fieldkit"
    path.write_text(json.dumps(doc), encoding="utf-8")
    mission = read_mission_file(path)  # well signed, by its own key
    with pytest.raises(MissionFileError) as err:
        check_server(mission)
    assert err.value.code == "mission_file_foreign"
    store = other_device(tmp_path, "laptop")
    with pytest.raises(MissionFileError):
        open_mission(store, mission, live_server.passwords["agent-bzh"], user="agent-bzh")
    assert store.get_setting(sync_client.SERVER_URL) is None  # nothing set up
    store.close()


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"\x89PNG\r\n", "not JSON"),
        (b'{"hello": 1}', "no FieldKit mission header"),
        (b'{"format": "fieldkit-mission", "format_version": 1}', "no signed contents"),
    ],
)
def test_not_a_mission_file(tmp_path: Path, content: bytes, why: str) -> None:
    path = tmp_path / "x.fieldkit"
    path.write_bytes(content)
    with pytest.raises(MissionFileError, match=why) as err:
        read_mission_file(path)
    assert err.value.code == "not_a_mission_file"


def test_newer_format_asks_for_an_update(tmp_path: Path) -> None:
    doc = server_mission.make_mission_file(tmp_path / "s", "http://127.0.0.1:9", name="M")
    doc["format_version"] = 2
    path = tmp_path / "new.fieldkit"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(MissionFileError) as err:
        read_mission_file(path)
    assert err.value.code == "mission_file_too_new"


def test_mission_file_needs_a_server_directory_and_a_name(tmp_path: Path) -> None:
    args = ["server", "mission-file", "--data", str(tmp_path / "s"), "--out", str(tmp_path / "m")]
    args += ["--url", "http://127.0.0.1:9"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "is not a server data directory" in result.output
    (tmp_path / "s").mkdir()
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "The mission has no name" in result.output
    assert not (tmp_path / "m").exists()


# -- HTTPS with a self-signed certificate ----------------------------------------------------
def self_signed(folder: Path, name: str = "fieldkit.test") -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_server(tmp_path: Path) -> Any:
    cert, key = self_signed(tmp_path / "tls")
    server = LiveServer(tmp_path / "tls-server", tls=(cert, key))
    server.start()
    yield server, cert
    server.stop()


def test_self_signed_server_pinned_by_the_mission_file(tls_server: Any, tmp_path: Path) -> None:
    server, cert = tls_server
    # Without the pin, the certificate is refused (no authority vouches for it).
    with pytest.raises(SyncError):
        server_info(server.url)
    path = export(server, tmp_path / "tls.fieldkit", "--name", "TLS", "--tls-cert", str(cert))
    mission = read_mission_file(path)
    assert mission.tls_fingerprint == server_mission.certificate_fingerprint(cert)
    store = other_device(tmp_path, "laptop")
    open_mission(store, mission, server.passwords["agent-occ"], user="agent-occ")
    assert store.get_setting(sync_client.SERVER_CERT) == mission.tls_fingerprint
    store.create_place(
        name="Atelier partagé", kind="shared_workshop", postcode="31000", commune="Toulouse"
    )
    with SyncClient.from_settings(store) as client:  # the pin is used for every request
        summary = client.sync()
    assert summary.pushed == 1
    store.close()


def test_a_server_with_another_certificate_gets_nothing(tls_server: Any, tmp_path: Path) -> None:
    server, _cert = tls_server
    other_cert, _ = self_signed(tmp_path / "other-tls")
    path = export(server, tmp_path / "m.fieldkit", "--name", "M", "--tls-cert", str(other_cert))
    store = other_device(tmp_path, "laptop")
    with pytest.raises(SyncError) as err:
        open_mission(store, read_mission_file(path), "whatever", user="agent-occ")
    assert err.value.code == "certificate_mismatch"
    assert "Nothing was sent to it" in str(err.value)
    assert store.get_setting(sync_client.SERVER_URL) is None
    store.close()


def test_server_info_is_public_and_says_what_the_coordinator_set(
    live_server: LiveServer,
) -> None:
    result = CliRunner().invoke(
        cli,
        ["server", "config", "--data", str(live_server.data_dir), "--mission-name", "Étude"]
        + ["--recommended-client-version", "0.3.0", "--update-url", "https://example.org/dl"],
    )
    assert result.exit_code == 0, result.output
    assert "recommended_client_version: 0.3.0" in result.output
    answer = httpx.get(f"{live_server.url}/api/v1/info", timeout=10)  # no token
    assert answer.status_code == 200
    info = answer.json()
    assert info["mission_name"] == "Étude"
    assert info["recommended_client_version"] == "0.3.0"
    assert info["update_url"] == "https://example.org/dl"
    assert info["mission_key"] == server_mission.server_key_id(live_server.data_dir)
    # "" removes a setting; a bad version is refused with a clear message.
    CliRunner().invoke(
        cli, ["server", "config", "--data", str(live_server.data_dir), "--update-url", ""]
    )
    assert httpx.get(f"{live_server.url}/api/v1/info", timeout=10).json()["update_url"] is None
    bad = CliRunner().invoke(
        cli,
        ["server", "config", "--data", str(live_server.data_dir)]
        + ["--recommended-client-version", "latest"],
    )
    assert bad.exit_code == 1 and "not a version number" in bad.output
