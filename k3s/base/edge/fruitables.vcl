vcl 4.1;
# The Fruitables edge: the single entry to the platform, the same file locally and in K3s.
# What differs per environment (where each service lives, who may purge) is in
# backends.vcl, which must define:
#   - the backends, and `sub fruitables_route_api`: for a known service (the name is in
#     req.http.x-fruitables-service) it sets req.backend_hint and the header
#     x-fruitables-routed;
#   - `sub fruitables_route_site`: the same for the shop's pages (everything not under
#     /api), i.e. the storefront backend, which should have a health probe;
#   - `acl fruitables_purgers` (addresses the rebuilder purges from) and
#     `sub fruitables_purge_authorize`, which sets x-fruitables-purge-authorized when the
#     request carries the shared purge secret in x-purge-secret.

import std;
import xkey;

include "backends.vcl";
include "request-hygiene.vcl";

sub vcl_recv {
    # Headers the VCL itself sets to carry decisions; a client must never set them.
    unset req.http.x-fruitables-service;
    unset req.http.x-fruitables-routed;
    unset req.http.x-fruitables-purge-authorized;
    unset req.http.x-fruitables-purged;
    unset req.http.x-fruitables-path;
    unset req.http.x-fruitables-problem;
    unset req.http.x-fruitables-detail;

    # Purge by surrogate key (xkey), for the storefront's rebuilder only: from an allowed
    # address AND with the shared secret. Behind Traefik every client arrives from a
    # cluster address, so the address alone proves nothing; the secret is what does.
    if (req.method == "PURGE") {
        if (client.ip !~ fruitables_purgers) {
            return (synth(403, "Forbidden"));
        }
        call fruitables_purge_authorize;
        unset req.http.x-purge-secret;
        if (!req.http.x-fruitables-purge-authorized) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Bad Request"));
        }
        # Soft: the objects expire now but stay as grace, so a purged page is fetched
        # again on the next request and can still be served if the origin is down.
        set req.http.x-fruitables-purged = xkey.softpurge(req.http.xkey-purge);
        return (synth(200, "Purged"));
    }

    call fruitables_refuse_oversized;
    call fruitables_refuse_disguised_path;
    call fruitables_ignore_odd_range;

    # Service-only and operator endpoints are never routed from outside. The path is already
    # in its one plain spelling (above); case still differs, and no service needs it to.
    if (req.url ~ "(?i)^/api/[a-z-]+/(internal|metrics)([/?]|$)") {
        return (synth(404, "Not Found"));
    }
    # identity's OAuth2 client-credentials endpoint issues service tokens: cluster-internal only.
    if (req.url ~ "(?i)^/api/identity/v1/oauth/token([/?]|$)") {
        return (synth(404, "Not Found"));
    }

    if (req.url ~ "^/api/[a-z-]+([/?]|$)") {
        set req.http.x-fruitables-service = regsub(req.url, "^/api/([a-z-]+).*$", "\1");
        # Services serve their own paths (/v1/..., /openapi.json); the public prefix is the
        # edge's. It is stripped only on the way to the service (vcl_backend_fetch): req.url,
        # and so the cache key, stays the URL the client sent, so /X, /api/catalog/X and
        # /api/identity/X can never share a cached object.
        set req.http.x-forwarded-prefix = "/api/" + req.http.x-fruitables-service;
        call fruitables_route_api;
        if (!req.http.x-fruitables-routed) {
            return (synth(404, "Not Found"));
        }
        # APIs are personal or change per request; a service opts into caching with
        # Cache-Control: public, which vcl_backend_response honours.
        if (req.method != "GET" && req.method != "HEAD") {
            return (pass);
        }
        if (req.http.authorization || req.http.cookie) {
            return (pass);
        }
        return (hash);
    }
    # Any other spelling of /api (/API/..., /api//x) is not the shop either.
    if (req.url ~ "(?i)^/api([/?]|$)") {
        return (synth(404, "Not Found"));
    }

    # Everything else is the shop: the storefront's prerendered pages.
    if (req.url ~ "(?i)^/(internal|metrics)([/?]|$)") {
        return (synth(404, "Not Found"));
    }
    call fruitables_route_site;
    if (!req.http.x-fruitables-routed) {
        return (synth(404, "Not Found"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Pages are the same for everyone (personal parts are filled in by the browser), so
    # cookies and tokens neither reach the origin nor split the cache.
    unset req.http.cookie;
    unset req.http.authorization;
    # The farmer console and the admin pages are never kept at the edge: a farmer must
    # never be served a stale console, and nothing personal should sit in a shared cache.
    if (req.url ~ "^/(farmer|admin)(/|$)") {
        return (pass);
    }
    # While the origin is healthy a page past its TTL (or soft-purged) is fetched before
    # answering: a change shows at once. When the probe says it is sick, the object's own
    # grace (hours, below) applies and shoppers get the last good copy.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_backend_fetch {
    unset bereq.http.x-fruitables-routed;
    if (bereq.http.x-fruitables-service) {
        # One substitution, never an empty URL (Varnish fails the request on that): the bare
        # /api/<svc>, /api/<svc>/ and /api/<svc>?… all become the service's root.
        set bereq.url = regsub(bereq.url, "^/api/[a-z-]+/?", "/");
    }
}

sub vcl_backend_response {
    # Bun refuses a head over 16 KiB with a bare 431; the client gets the edge's problem.
    if (beresp.status == 431 && beresp.http.content-type !~ "problem\+json") {
        return (error(431, "Request Header Fields Too Large"));
    }
    if (bereq.http.x-fruitables-service) {
        if (beresp.http.content-type ~ "^text/event-stream") {
            # Live tracking (logistics' SSE): each event goes to the browser as it comes,
            # never buffered into an object or held back to be compressed.
            set beresp.do_stream = true;
            set beresp.do_gzip = false;
        }
        if (beresp.http.cache-control !~ "public") {
            set beresp.uncacheable = true;
            set beresp.ttl = 0s;
            return (deliver);
        }
    } else {
        # The shop. An origin error never replaces a good copy: a background refresh is
        # dropped (the stale object stays), a foreground one is passed on uncached.
        if (beresp.status >= 500) {
            if (bereq.is_bgfetch) {
                return (abandon);
            }
            set beresp.uncacheable = true;
            set beresp.ttl = 0s;
            return (deliver);
        }
        # TTL comes from s-maxage (the rebuilder purges on change). Grace: serve for six
        # hours after expiry if the origin is down; keep: a day more to revalidate by ETag.
        set beresp.grace = 6h;
        set beresp.keep = 1d;
        if (beresp.http.content-type ~ "^(text/|application/(json|xml)|image/svg)") {
            set beresp.do_gzip = true;
        }
    }
    # Otherwise Varnish's built-in rules apply (no caching of Set-Cookie, private, ...).
}

sub vcl_deliver {
    unset resp.http.x-varnish;
    unset resp.http.via;
    # Surrogate keys are for the edge only.
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.x-cache = "hit";
    } else {
        set resp.http.x-cache = "miss";
    }
}

# Errors from the edge itself look like the services' errors: RFC 9457 problem+json.
# ({" ... "} is VCL's long string, the only way to put a double quote in a string.)
sub vcl_synth {
    if (req.method == "PURGE" && resp.status == 200) {
        set resp.http.content-type = "application/json";
        set resp.body = {"{"purged":"} + req.http.x-fruitables-purged + "}";
        return (deliver);
    }
    set resp.http.content-type = "application/problem+json";
    set resp.http.x-request-id = req.xid;
    if (resp.status == 404) {
        set req.http.x-fruitables-problem = "not_found";
        set req.http.x-fruitables-detail = "Nothing is routed at this address.";
    } elsif (req.http.x-fruitables-problem == "invalid_path") {
        set req.http.x-fruitables-detail = "Send the path in its plain spelling: percent-encode only non-ASCII characters, and use no dot segments, repeated slashes, backslashes or semicolons.";
    } elsif (req.http.x-fruitables-problem == "uri_too_long") {
        set req.http.x-fruitables-detail = "Use a URL of at most 8192 bytes.";
    } elsif (req.http.x-fruitables-problem == "headers_too_large") {
        set req.http.x-fruitables-detail = "Send smaller headers: at most 8192 bytes per cookie, authorization, referer or user-agent header and 16 KiB in all.";
    } else {
        set req.http.x-fruitables-problem = "edge_error";
        set req.http.x-fruitables-detail = "The edge could not handle this request.";
    }
    set resp.body = {"{"type":"https://fruitables.kr/problems/"} + req.http.x-fruitables-problem +
        {"","title":""} + resp.reason + {"","status":"} + resp.status +
        {","code":""} + req.http.x-fruitables-problem + {"","detail":""} + req.http.x-fruitables-detail +
        {"","requestId":""} + req.xid + {"""} + "}";
    return (deliver);
}

sub vcl_backend_error {
    # A failed background refresh must not replace the stale copy being served meanwhile.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    set beresp.http.content-type = "application/problem+json";
    # A service that found the request head too large (Bun answers 431 with no body).
    if (beresp.status == 431) {
        set beresp.body = {"{"type":"https://fruitables.kr/problems/headers_too_large","title":"Request Header Fields Too Large","status":431,"code":"headers_too_large","detail":"Send smaller headers: at most 8192 bytes per cookie, authorization, referer or user-agent header and 16 KiB in all.","requestId":""} + bereq.xid + {"""} + "}";
        return (deliver);
    }
    set beresp.body = {"{"type":"https://fruitables.kr/problems/service_unavailable","title":"Service Unavailable","status":503,"code":"service_unavailable","detail":"The service behind this address is not answering; try again shortly.","requestId":""} + bereq.xid + {"""} + "}";
    return (deliver);
}
