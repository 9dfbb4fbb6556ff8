# K3s backends, included by fruitables.vcl (same contract as the local stack's generated
# backends.vcl, see the top of fruitables.vcl). Each backend is the service's ClusterIP
# Service; Varnish resolves the name once at VCL load, and a ClusterIP does not change.
backend svc_identity {
    .host = "identity.fruitables.svc.cluster.local";
    .port = "80";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

backend svc_catalog {
    .host = "catalog.fruitables.svc.cluster.local";
    .port = "80";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

backend svc_orders {
    .host = "orders.fruitables.svc.cluster.local";
    .port = "80";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

backend svc_logistics {
    .host = "logistics.fruitables.svc.cluster.local";
    .port = "80";
    .connect_timeout = 1s;
    # The tracking stream (SSE) stays open; its heartbeat every 15 s keeps the read alive.
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 60s;
}

backend svc_payments {
    .host = "payments.fruitables.svc.cluster.local";
    .port = "80";
    .connect_timeout = 1s;
    # A confirm waits for Toss (PAYMENTS_TOSS_TIMEOUT_MS) and then, at worst, one lookup.
    .first_byte_timeout = 30s;
}

# The shop's origin. The probe tells Varnish the origin is down (a restart, a drain)
# before a shopper's request does, so cached pages are served from grace meanwhile.
probe site_health {
    .url = "/healthz";
    .interval = 2s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend svc_storefront {
    .host = "storefront.fruitables.svc.cluster.local";
    .port = "80";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .probe = site_health;
}

sub fruitables_route_api {
    if (req.http.x-fruitables-service == "identity") {
        set req.backend_hint = svc_identity;
        set req.http.x-fruitables-routed = "1";
    } elsif (req.http.x-fruitables-service == "catalog") {
        set req.backend_hint = svc_catalog;
        set req.http.x-fruitables-routed = "1";
    } elsif (req.http.x-fruitables-service == "orders") {
        set req.backend_hint = svc_orders;
        set req.http.x-fruitables-routed = "1";
    } elsif (req.http.x-fruitables-service == "logistics") {
        set req.backend_hint = svc_logistics;
        set req.http.x-fruitables-routed = "1";
    } elsif (req.http.x-fruitables-service == "payments") {
        set req.backend_hint = svc_payments;
        set req.http.x-fruitables-routed = "1";
    } elsif (req.http.x-fruitables-service == "storefront") {
        set req.backend_hint = svc_storefront;
        set req.http.x-fruitables-routed = "1";
    }
}

sub fruitables_route_site {
    set req.backend_hint = svc_storefront;
    set req.http.x-fruitables-routed = "1";
}

# The rebuilder purges from its pod address (K3s' default pod CIDR). Traefik's pods are in
# the same range, so public requests arrive from here too: the secret below is the real
# check, the ACL keeps anything outside the cluster from even trying.
acl fruitables_purgers {
    "127.0.0.1";
    "10.42.0.0"/16;
}

# The secret comes from the fruitables-edge-purge Secret, mounted as a file (never in this
# ConfigMap). std.fileread reads it once per VCL load: rotating it means restarting the edge
# (after the storefront has the new value, or purges fail and are retried until it has).
sub fruitables_purge_authorize {
    if (req.http.x-purge-secret ~ "^[A-Za-z0-9_-]{32,128}$" &&
        req.http.x-purge-secret == regsub(std.fileread("/etc/varnish-secrets/secret"), "\s+$", "")) {
        set req.http.x-fruitables-purge-authorized = "1";
    }
}
