# Requests the edge refuses (or repairs) before it routes anything, included by
# fruitables.vcl. Each refusal is answered as problem+json by vcl_synth; the code goes in
# req.http.x-fruitables-problem.

# Limits the edge answers itself. Varnish's own (http_req_size, http_req_hdr_len; set where
# varnishd starts: packages/stack/src/edge.ts and deployment.yaml) sit above these, because a
# request over Varnish's limits never reaches VCL: the connection is just reset. Whatever gets
# past here but is still more than a service takes (Bun: 16 KiB of head) comes back as the
# service's 431, which vcl_backend_response turns into the same problem.
sub fruitables_refuse_oversized {
    if (req.url ~ "^.{8193}") {
        set req.http.x-fruitables-problem = "uri_too_long";
        return (synth(414, "URI Too Long"));
    }
    if (req.http.cookie ~ "^.{8193}" || req.http.authorization ~ "^.{8193}" ||
        req.http.referer ~ "^.{8193}" || req.http.user-agent ~ "^.{8193}" ||
        req.http.x-forwarded-for ~ "^.{1025}") {
        set req.http.x-fruitables-problem = "headers_too_large";
        return (synth(431, "Request Header Fields Too Large"));
    }
}

# Services decode a path before they route it, so a path the edge matched as text could mean
# another route to them (/api/catalog/%69nternal is /internal to catalog). Rather than decode
# in VCL and hope to agree with every decoder, the edge accepts only paths whose spelling IS
# their meaning and refuses everything else with a 400:
#   - percent-encoding only for non-ASCII bytes (Korean fruit names, lot codes): %2F, %5C,
#     %00, %2E, %69, %25 (double encoding) have a plain spelling or none, and are refused;
#     so are bytes that are never UTF-8 or only as an overlong form (%C0%AF is `/`);
#   - no dot segments, repeated slashes, backslashes (browsers and Bun read `\` as `/`),
#     `;` (path parameters), `#` (Bun cuts the path there), control bytes or spaces;
#   - origin-form only (`/…`): no absolute URL, no `*`.
# The query string is not checked: it is the service's to validate (and the kit refuses NUL
# there), and it carries the shop's Korean search text.
sub fruitables_refuse_disguised_path {
    if (req.url !~ "^/" || req.url ~ "#") {
        set req.http.x-fruitables-problem = "invalid_path";
        return (synth(400, "Bad Request"));
    }
    set req.http.x-fruitables-path = regsub(req.url, "\?.*$", "");
    if (req.http.x-fruitables-path ~ "(?i)%(?![89a-f][0-9a-f])|%(c0|c1|f[5-9a-f])|%e0%[89]|%f0%8|%ed%[ab]" ||
        req.http.x-fruitables-path ~ "[\\;\x00-\x20\x7f]|//|/\.\.?(/|$)") {
        set req.http.x-fruitables-problem = "invalid_path";
        return (synth(400, "Bad Request"));
    }
    unset req.http.x-fruitables-path;
}

# Only a single well-formed byte range is kept. Services do not serve ranges (they answer 200
# whole), and Varnish answers a passed request with several or malformed ranges (or one that
# ends before it starts) with a 503, an error page for a healthy backend; a Range header it
# cannot use is ignored, as RFC 9110 allows.
sub fruitables_ignore_odd_range {
    if (req.http.range && req.http.range !~ "^bytes=(\d{1,15}-\d{0,15}|-\d{1,15})$") {
        unset req.http.range;
    } elsif (req.http.range ~ "^bytes=\d+-\d+$" &&
        std.integer(regsub(req.http.range, "^bytes=(\d+)-.*$", "\1"), 0) >
        std.integer(regsub(req.http.range, "^bytes=\d+-(\d+)$", "\1"), 0)) {
        unset req.http.range;
    }
}
