# Fortune Sky behind Varnish: an edge cache for the reader site, load-balancing the app's
# instances and purged by surrogate key the moment a change commits.
#
# Needs Varnish 7 and the xkey and var vmods (Debian: apt-get install varnish varnish-modules). Start it with
#   varnishd -a :80 -f /etc/varnish/fortune-sky.vcl -s malloc,256m
# and give every instance EDGE_PURGE_URL=http://<this host>:<its port>/ (README, "Behind an edge
# cache"). The instances listen on 127.0.0.1:3000 and 127.0.0.1:3001 here; add a backend per
# instance (and to vcl_init) to run more.
#
# What is cached follows the app's own headers: Cache-Control s-maxage (else max-age) is how long
# a copy is fresh and stale-while-revalidate how long a stale copy may be served while it is
# fetched again (Varnish reads both itself), per Accept-Encoding as the app's Vary says. Nothing
# is cached that the app marks private, no-store or no-cache, that sets a cookie, or that names no
# lifetime at all; newsroom pages and a signed-in editor's requests always reach an instance.
#
# Purges are exact: the app sends each committed change's surrogate keys once (PURGE with an xkey
# header); fetches ask the instance to read its change log first (Cache-Control: no-cache), and an
# answer that was under way when a purge arrived is not kept, so nothing refills the cache with a
# page as it was before the change.

vcl 4.1;

import directors;
import std;
import var;
import xkey;

# An instance is healthy while /healthz answers 200: at least 3 of the last 5 probes, one a second.
probe healthz {
    .url = "/healthz";
    .interval = 1s;
    .timeout = 1s;
    .window = 5;
    .threshold = 3;
}

backend instance_a {
    .host = "127.0.0.1";
    .port = "3000";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

backend instance_b {
    .host = "127.0.0.1";
    .port = "3001";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

# Who may purge: the app's instances. They run on this host here; list their addresses otherwise.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new instances = directors.round_robin();
    instances.add_backend(instance_a);
    instances.add_backend(instance_b);
}

sub vcl_recv {
    # Purging by surrogate key: each committed change's keys arrive as "PURGE" with an xkey header
    # listing them, space-separated (the app splits long lists over several requests). A hard purge:
    # the next reader gets a fresh page, never one more stale copy. The answer counts what went.
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "PURGE is not allowed from this address"));
        }
        if (!req.http.xkey) {
            return (synth(400, "PURGE needs an xkey header naming the surrogate keys to purge"));
        }
        set req.http.X-Purged = xkey.purge(req.http.xkey);
        # Remembered for vcl_backend_response: a fetch already under way may bring the page as it was.
        var.global_set("last_purge", "" + std.real(time = now));
        return (synth(200, "Purged " + req.http.X-Purged + " objects"));
    }

    set req.backend_hint = instances.backend();
    unset req.http.X-Edge-Encoding;

    # Health checks always reach an instance.
    if (req.url ~ "^/(healthz|readyz|metrics)(\?|$)") {
        return (pass);
    }
    # Only reads are cached; POST and every other method go to an instance as they are.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The newsroom (pages and its JSON API) is never cached. The app also marks its answers
    # no-store, which vcl_backend_response honours, so a path spelled another way is not cached either.
    if (req.url ~ "^/(api/)?newsroom(/|\?|$)") {
        return (pass);
    }
    # Preview links show drafts to whoever holds their token: never cached, whatever the answer
    # (the app marks them no-store, private too), so a revoke or an edit shows on the next request.
    if (req.url ~ "^/preview/") {
        return (pass);
    }
    # Live coverage streams (Server-Sent Events) are each one reader's, open for as long as the page:
    # straight to an instance, never waiting on another reader's request for the same address.
    if (req.url ~ "^/live/") {
        return (pass);
    }
    # A signed-in editor (the newsroom's session cookie) and any credentials go past the cache.
    if (req.http.Cookie ~ "(^|;)\s*fs_session=" || req.http.Authorization) {
        return (pass);
    }
    # Reader pages read no cookies: other cookies (analytics and the like) must not split the cache.
    unset req.http.Cookie;

    # One cached copy per encoding the app sends: brotli for clients that take it, and gzip, which
    # Varnish asks for by default and unzips for the few clients without it.
    if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*br\s*(,|;|$)" && req.http.Accept-Encoding !~ "(?i)(^|,)\s*br\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$)") {
        set req.http.X-Edge-Encoding = "br";
    }
    return (hash);
}

sub vcl_hash {
    if (req.http.X-Edge-Encoding == "br") {
        hash_data("br");
    }
    # The built-in vcl_hash adds the URL and the Host.
}

sub vcl_backend_fetch {
    # Varnish asks the instance for gzip; the brotli copy is fetched as brotli.
    if (bereq.http.X-Edge-Encoding == "br") {
        set bereq.http.Accept-Encoding = "br";
    }
    unset bereq.http.X-Edge-Encoding;
    # A copy to keep is asked for with "no-cache": the instance reads the change log before it
    # answers from its own page cache. A purge is sent as soon as one instance has committed a
    # change; another instance may not have noticed it yet, and must not refill this cache with the
    # page as it was.
    if (!bereq.uncacheable) {
        set bereq.http.Cache-Control = "no-cache";
    }
}

sub vcl_backend_response {
    # Purged by the app's surrogate keys. Every page also carries the all-pages key "all" (the app
    # purges it when a change's keys are unknown); anything without keys (media, the logo) gets it too.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    } else {
        set beresp.http.xkey = "all";
    }
    if (bereq.uncacheable) {
        return (deliver);
    }
    # A fetch that began before the latest purge may carry the page as it was before the change
    # that purge was for (the instance read the database before the commit): it is delivered to
    # whoever waits for it but not kept, so the purge cannot be undone by a late answer. (The time
    # is kept to the millisecond, so fetches begun within a millisecond after it count as before.)
    if (std.real(time = bereq.time) <= std.real(var.global_get("last_purge"), 0) + 0.001) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (beresp.ttl <= 0s
        || !beresp.http.Cache-Control
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Set-Cookie
        || beresp.http.Vary == "*") {
        # Not cached; remembered for two minutes as "fetch each time" so requests for it go to an
        # instance at once instead of queueing behind one another.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_backend_error {
    # An instance that fails a read before its probe notices (stopped, restarting): the next one is tried.
    if (bereq.retries == 0 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}

sub vcl_deliver {
    # Where the answer came from: HIT (this cache), MISS (fetched and stored) or PASS (not cacheable).
    if (obj.uncacheable) {
        set resp.http.X-Edge-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "HIT";
    } else {
        set resp.http.X-Edge-Cache = "MISS";
    }
    unset resp.http.xkey;
}

sub vcl_synth {
    if (req.method == "PURGE") {
        if (req.http.X-Purged) {
            set resp.http.X-Purged = req.http.X-Purged;
        }
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
