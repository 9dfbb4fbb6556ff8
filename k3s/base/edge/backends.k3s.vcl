# K3s backends, included by fruitables.vcl (same contract as the local stack's generated
# backends.vcl: one backend per service plus `sub fruitables_route_api`, which picks the
# backend from req.http.x-fruitables-service). Each backend is the service's ClusterIP
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

sub fruitables_route_api {
    if (req.http.x-fruitables-service == "identity") {
        set req.backend_hint = svc_identity;
    } elsif (req.http.x-fruitables-service == "catalog") {
        set req.backend_hint = svc_catalog;
    }
}
