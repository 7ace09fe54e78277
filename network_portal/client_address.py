"""The address a request came from, seen through the TLS proxies the README requires.

Behind a proxy every request has the proxy's REMOTE_ADDR; each trusted proxy appends the
address it received the request from to X-Forwarded-For. So with N trusted proxies the
client is the N-th address from the right of [X-Forwarded-For…, REMOTE_ADDR]; anything
further left was written by the client and is not believed. django-axes locks a user name
per this address (AXES_CLIENT_IP_CALLABLE).

django-ipware (axes' optional helper) counts proxies inside X-Forwarded-For only and
answers None for the usual one-nginx chain, so the rule is written out here instead.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.PORTAL_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    chain = [*forwarded, remote or ""]
    # Fewer hops than proxies: the request did not come through all of them (a health check
    # on the host itself); the left-most address is the nearest thing to a client.
    candidate = chain[-(proxies + 1)] if len(chain) > proxies else chain[0]
    return _valid(candidate) or remote
