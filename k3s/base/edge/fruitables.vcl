vcl 4.1;
# The Fruitables edge: the single entry to the platform, the same file locally and in K3s.
# What differs per environment (where each service lives, who may purge) is in
# backends.vcl, which must define the backends and `sub fruitables_route_api`: for a known
# service it sets req.backend_hint and the header x-fruitables-routed.

import std;
import xkey;

include "backends.vcl";

sub vcl_recv {
    unset req.http.x-fruitables-service;
    unset req.http.x-fruitables-routed;

    # Service-only and operator endpoints are never routed from outside.
    if (req.url ~ "^/api/[a-z-]+/(internal|metrics)([/?]|$)") {
        return (synth(404, "Not Found"));
    }

    if (req.url ~ "^/api/[a-z-]+([/?]|$)") {
        set req.http.x-fruitables-service = regsub(req.url, "^/api/([a-z-]+).*$", "\1");
        # Services serve their own paths (/v1/..., /openapi.json); the public prefix is the edge's.
        set req.http.x-forwarded-prefix = "/api/" + req.http.x-fruitables-service;
        set req.url = regsub(req.url, "^/api/[a-z-]+", "");
        if (req.url !~ "^/") {
            set req.url = "/" + req.url;
        }
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

    return (synth(404, "Not Found"));
}

sub vcl_backend_fetch {
    unset bereq.http.x-fruitables-routed;
}

sub vcl_backend_response {
    if (bereq.http.x-fruitables-service) {
        if (beresp.http.cache-control !~ "public") {
            set beresp.uncacheable = true;
            set beresp.ttl = 0s;
            return (deliver);
        }
    }
}

sub vcl_deliver {
    unset resp.http.x-varnish;
    unset resp.http.via;
    if (obj.hits > 0) {
        set resp.http.x-cache = "hit";
    } else {
        set resp.http.x-cache = "miss";
    }
}

# Errors from the edge itself look like the services' errors: RFC 9457 problem+json.
# ({" ... "} is VCL's long string, the only way to put a double quote in a string.)
sub vcl_synth {
    set resp.http.content-type = "application/problem+json";
    set resp.http.x-request-id = req.xid;
    set resp.body = {"{"type":"https://fruitables.kr/problems/not_found","title":"Not Found","status":404,"code":"not_found","detail":"Nothing is routed at this address.","requestId":""} + req.xid + {"""} + "}";
    if (resp.status != 404) {
        set resp.body = {"{"type":"https://fruitables.kr/problems/edge_error","title":""} + resp.reason + {"","status":"} + resp.status + {","code":"edge_error","detail":"The edge could not handle this request.","requestId":""} + req.xid + {"""} + "}";
    }
    return (deliver);
}

sub vcl_backend_error {
    set beresp.http.content-type = "application/problem+json";
    set beresp.body = {"{"type":"https://fruitables.kr/problems/service_unavailable","title":"Service Unavailable","status":503,"code":"service_unavailable","detail":"The service behind this address is not answering; try again shortly.","requestId":""} + bereq.xid + {"""} + "}";
    return (deliver);
}
