"""Networks, never addresses: a signer's IP address is reduced to its /24 (IPv4) or /48
(IPv6) network and stored only as a keyed hash of that, for burst detection."""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest


def network_of(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def network_hash(address: str) -> str:
    network = network_of(address)
    if not network:
        return ""
    key = hashlib.sha256(b"undersigned.network:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, network.encode(), hashlib.sha256).hexdigest()


def client_ip(request_meta: dict[str, str]) -> str:
    """The client address: the last hop added by our own proxy when BEHIND_PROXY is on."""
    if settings.SECURE_PROXY_SSL_HEADER and (forwarded := request_meta.get("HTTP_X_FORWARDED_FOR")):
        return forwarded.split(",")[-1].strip()
    return request_meta.get("REMOTE_ADDR", "")


def request_ip(request: HttpRequest) -> str:
    """client_ip() of a request (for settings that take a callable, like django-axes')."""
    return client_ip(request.META)
