"""deploy/nginx/undersigned.conf: nginx accepts it as written (Debian 12's nginx 1.22 among
others), and its block for the counts answers from nginx's cache, so a viral letter's count
readers do not reach the app (`make bench` measures that block the same way)."""

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import LiveServerTestCase

from tests.base import make_letter, make_org
from tests.smtp import free_port

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "nginx" / "undersigned.conf"

pytestmark = pytest.mark.skipif(
    shutil.which("nginx") is None and os.environ.get("UNDERSIGNED_REQUIRE_SERVICES") != "true",
    reason="no nginx (.ci/run installs Debian's nginx-light)",
)


def self_signed(folder: Path) -> tuple[Path, Path]:
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "letters.example.org")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
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


def main_config(folder: Path, site: str) -> Path:
    """An nginx.conf around a site file, with everything nginx writes kept in `folder`."""
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(
        f"{kind}_temp_path {folder}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = folder / "nginx.conf"
    config.write_text(
        f"{user}daemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        f"events {{ worker_connections 64; }}\nhttp {{\n{temp}access_log off;\n{site}\n}}\n"
    )
    return config


def test_the_deploy_config_passes_nginx_t(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    site = DEPLOY.read_text()
    site = site.replace("/etc/letsencrypt/live/letters.example.org/fullchain.pem", str(cert))
    site = site.replace("/etc/letsencrypt/live/letters.example.org/privkey.pem", str(key))
    site = site.replace("/var/cache/nginx/undersigned", str(tmp_path / "cache"))
    site = re.sub(r"listen (\[::\]:)?80;", f"listen 127.0.0.1:{free_port()};", site, count=1)
    site = re.sub(r"\n    listen \[::\]:80;", "", site)
    site = re.sub(r"listen 443 ssl", f"listen 127.0.0.1:{free_port()} ssl", site, count=1)
    site = re.sub(r"\n    listen \[::\]:443 ssl[^;]*;", "", site)
    config = main_config(tmp_path, site)
    result = subprocess.run(
        ["nginx", "-t", "-c", str(config), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


class NginxCachesCountsTests(LiveServerTestCase):
    def setUp(self) -> None:
        self.letter = make_letter(make_org())
        self.folder = Path(self._tmp())
        block = re.search(
            r"\n(    location ~ \^/\(l/\[\^/\]\+/log/checkpoint.*?\n    \})",
            DEPLOY.read_text(),
            re.S,
        )
        assert block, "deploy/nginx/undersigned.conf lost its block for the counts"
        self.port = free_port()
        app = self.live_server_url.removeprefix("http://")
        site = (
            f"proxy_cache_path {self.folder}/cache levels=1:2 keys_zone=undersigned:1m;\n"
            f"upstream undersigned {{ server {app}; }}\n"
            f"server {{\n    listen 127.0.0.1:{self.port};\n"
            f"    proxy_set_header Host $host;\n{block.group(1)}\n"
            f"    location / {{ proxy_pass http://undersigned; }}\n}}"
        )
        config = main_config(self.folder, site)
        self.nginx = subprocess.Popen(
            ["timeout", "120", "nginx", "-c", str(config), "-p", str(self.folder)],
            start_new_session=True,
        )
        self.addCleanup(self.stop)
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)

    def _tmp(self) -> str:
        import tempfile

        folder = tempfile.mkdtemp(prefix="undersigned-nginx-")
        self.addCleanup(shutil.rmtree, folder, True)
        return folder

    def stop(self) -> None:
        os.killpg(self.nginx.pid, 15)
        self.nginx.wait(10)

    def get(self, path: str) -> tuple[int, str, bytes]:
        url = f"http://127.0.0.1:{self.port}{path}"
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.headers.get("X-Cache", ""), response.read()

    def test_the_second_read_of_a_count_comes_from_nginx(self) -> None:
        path = f"/api/v1/letters/{self.letter.slug}/count"
        first = self.get(path)
        second = self.get(path)
        self.assertEqual((first[0], first[1]), (200, "MISS"))
        self.assertEqual((second[0], second[1]), (200, "HIT"))
        self.assertEqual(first[2], second[2])
        self.assertIn(b'"count":0', second[2].replace(b" ", b""))
