#!/usr/bin/env python3
"""Benchmark of the three applications on this machine, against the machine's own RSA signing limit.

Run through bench/run, which builds the jars first. Prints one table (figure, value, limit, ratio) and writes it as
bench/results.md, with a chart in bench/results.html. Only the Python standard library, wrk and openssl are needed.
"""
import argparse
import base64
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
AUDIENCE = "https://api.exampleco.com/timesheets"
# The DEMO clients of auth-server/src/main/resources/application.yml.
IMPORT_JOB = ("timesheets-import-job", "demo-k34iIAVwsd-lDcZK2XZErDDmz51ke3RLeFqit1-ZA8M")
READER = ("timesheets-reader", "demo-ntDRNhR5fzX2-pf4FC4mGuioC7E_IbH98jSGeHE99Jo")


# Every auth-server measured here runs the demo profile (its DEMO clients) without the flow page: a learner's view of
# the demo profile, which production has not, and which reads every tenant log event back over its own log stream
# (5% of the token figure when on, measured in docs/performance.md). The comparisons (Actions, quotas, tenant logs)
# differ from the first server in one setting only.
AUTH_SERVER_ARGS = ["--auth-server.flow-page.enabled=false", "--auth-server.actions.enabled=false"]


def jar(module):
    target = os.path.join(ROOT, module, "target")
    for name in sorted(os.listdir(target)):
        if name.endswith(".jar") and not name.endswith("-plain.jar"):
            return os.path.join(target, name)
    sys.exit(f"no jar in {target}: run bench/run, which builds first")


def jvm_flags(module):
    """The JVM flags of the module's container image (jib-maven-plugin's jvmFlags), so it runs here as deployed."""
    with open(os.path.join(ROOT, module, "pom.xml")) as f:
        return re.findall(r"<jvmFlag>([^<]+)</jvmFlag>", f.read())


def cpu_seconds(pid):
    """CPU time (user + system) the process has used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class App:
    """One application as its own process, in a scratch directory, stopped at the end."""

    def __init__(self, name, module, args, workdir):
        self.name = name
        self.log_path = os.path.join(workdir, name + ".log")
        self.workdir = os.path.join(workdir, name)
        os.makedirs(self.workdir, exist_ok=True)
        started = time.monotonic()
        self.process = subprocess.Popen(["java"] + jvm_flags(module) + ["-jar", jar(module)] + args,
                                        cwd=self.workdir,
                                        stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)
        self.started = started

    def wait_healthy(self, port, timeout=None):
        # A machine shared with builds may take minutes to start a JVM: BENCH_START_TIMEOUT=600 waits longer.
        timeout = timeout or int(os.environ.get("BENCH_START_TIMEOUT", "300"))
        url = f"http://127.0.0.1:{port}/actuator/health"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"{self.name} exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(url, timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        sys.exit(f"{self.name} not healthy after {timeout}s; see {self.log_path}")

    def startup_seconds(self):
        """What Spring Boot reports: from JVM start to the application being ready."""
        with open(self.log_path) as f:
            m = re.search(r"Started \w+ in ([0-9.]+) seconds", f.read())
        return float(m.group(1)) if m else float("nan")

    def log_line(self, pattern):
        with open(self.log_path) as f:
            m = re.search(pattern, f.read())
        return m.group(1) if m else "?"

    def rss(self):
        return rss_mib(self.process.pid)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def wrk(url, seconds, connections=32, script=None, headers=(), env=None):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        cmd += ["-s", os.path.join(BENCH, script)]
    for h in headers:
        cmd += ["-H", h]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, env={**os.environ, **(env or {})}).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))}
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}(?:\.000)?%\s+([0-9.]+)(us|ms|s)", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        result["p" + pct] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    result["non2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"(\d+) requests in", out)
    result["requests"] = int(m.group(1)) if m else 0
    return result


class SlowClients:
    """Connections that announce a token request body and trickle it, a byte at a time, as an attacker would to hold
    the server's admission turns; each reconnects when the server gives up on it, so `count` are always trickling."""

    def __init__(self, port, count, interval=0.2):
        basic = base64.b64encode(f"{IMPORT_JOB[0]}:{IMPORT_JOB[1]}".encode()).decode()
        self.head = (f"POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic {basic}\r\n"
                     f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\n"
                     f"grant_type=cl").encode()
        self.port, self.interval = port, interval
        self.stopping = threading.Event()
        self.connections = 0
        self.threads = [threading.Thread(target=self._trickle, daemon=True) for _ in range(count)]
        for thread in self.threads:
            thread.start()

    def _trickle(self):
        while not self.stopping.is_set():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
                    self.connections += 1
                    s.sendall(self.head)
                    while not self.stopping.wait(self.interval):
                        s.sendall(b"i")
            except OSError:
                self.stopping.wait(0.05)  # answered (408) and closed: open the next one

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(5)


def openssl_rsa2048_signs_per_second(seconds):
    """The machine's RSA-2048 signing rate with every core busy: the ceiling for an RS256 token endpoint."""
    cores = os.cpu_count() or 1
    out = subprocess.run(["openssl", "speed", "-seconds", str(seconds), "-multi", str(cores), "rsa2048"],
                         capture_output=True, text=True).stdout
    m = re.search(r"^rsa 2048 bits\s+\S+\s+\S+\s+([0-9.]+)\s+([0-9.]+)", out, re.M)
    return float(m.group(1)) if m else float("nan")


def http_json(url, data=None, headers=None, method=None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    # The first requests to a freshly started application run cold; on a busy machine they took more than 10 s.
    with urllib.request.urlopen(request, timeout=60) as r:
        return json.loads(r.read() or b"null")


def token(auth_port, client):
    basic = base64.b64encode(f"{client[0]}:{client[1]}".encode()).decode()
    body = f"grant_type=client_credentials&audience={AUDIENCE}".encode()
    return http_json(f"http://127.0.0.1:{auth_port}/oauth/token", body,
                     {"Authorization": "Basic " + basic,
                      "Content-Type": "application/x-www-form-urlencoded"})["access_token"]


def write_inbox(directory, entries):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "bench.csv"), "w") as f:
        f.write("employee_id,date,project,hours,notes\n")
        for i in range(entries):
            day = datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 365)
            f.write(f"emp-{i % 997:04d},{day.isoformat()},project-{i % 13},{1 + i % 8}.5,bench line {i}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=30, help="length of each measured wrk run")
    parser.add_argument("--entries", type=int, default=100_000, help="entries the batch client delivers")
    parser.add_argument("--memory-tokens", type=int, default=1_000_000,
                        help="tokens issued before the second memory reading (0 skips the memory figure)")
    parser.add_argument("--slow-clients", type=int, default=0,
                        help="with the token part: measure again while this many connections trickle their bodies")
    parser.add_argument("--actions", action="store_true",
                        help="with the token part: measure again against a second auth-server with the demo Action "
                             "(actions/cost-center.js) bound, back to back with the first, and compare")
    parser.add_argument("--quotas", action="store_true",
                        help="with the token part: measure again against a second auth-server whose clients all have "
                             "a token quota too large to be reached (the cost of counting), alternating with the "
                             "first")
    parser.add_argument("--tenant-logs", action="store_true",
                        help="with the token part: measure again on a second auth-server with tenant logs off "
                             "(auth-server.tenant-logs.enabled=false) and compare")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory with the applications' logs")
    parser.add_argument("--only", action="append", choices=("tokens", "api", "batch"),
                        help="measure only this part (repeatable); the default measures all three")
    options = parser.parse_args()
    parts = set(options.only or ("tokens", "api", "batch"))
    # The JIT needs tens of seconds of load before a path runs at its speed, longer for the token endpoint, whose
    # compiler threads share the 2 cores with the load: at 60 s of load its C2 thread still used 37 µs of CPU per
    # token, at 90 s 9 µs (before tenant logs and quotas, 4 µs at 45 s). The figures are the ones after, which last.
    warmup = max(30, options.seconds)
    token_warmup = max(120, options.seconds)
    rows = []  # (figure, value, unit, limit, limit_label, ratio, target)
    work = tempfile.mkdtemp(prefix="bench-")
    apps = []
    try:
        signs = float("nan")
        if "tokens" in parts:
            print("measuring openssl rsa2048 signing on every core ...", flush=True)
            signs = openssl_rsa2048_signs_per_second(5)

        auth_port, api_port = free_port(), free_port()
        issuer = f"http://127.0.0.1:{auth_port}/"
        # No Actions here, although the demo profile binds one: the token figures stay comparable with earlier runs;
        # --actions measures them with the demo Action on a second server.
        auth = App("auth-server", "auth-server",
                   [f"--server.port={auth_port}", f"--auth-server.issuer={issuer}"] + AUTH_SERVER_ARGS, work)
        apps.append(auth)
        auth.wait_healthy(auth_port)
        provider = auth.log_line(r"Token signatures use the JCA provider (.+)")
        rows.append(("auth-server startup", auth.startup_seconds(), "s", None, "", None, ""))
        rows.append(("auth-server RSS after startup", auth.rss(), "MiB", None, "", None, ""))

        token_url = f"http://127.0.0.1:{auth_port}/oauth/token"
        if "tokens" in parts:
            print(f"token endpoint ({provider}) ...", flush=True)
            wrk(token_url, token_warmup, script="token-request.lua")
            t = wrk(token_url, options.seconds, script="token-request.lua")
            rows.append(("tokens/s, RS256, 32 connections", t["rps"], "/s", signs, "openssl 2-core signs/s",
                         t["rps"] / signs, "≥ 0.5"))
            rows.append(("token p50 latency", t["p50"], "ms", None, "", None, ""))
            rows.append(("token p99 latency", t["p99"], "ms", 25, "target", None, "≤ 25 ms"))
            rows.append(("token non-200 answers", t["non2xx"], "", None, "", None, "0"))

            if options.tenant_logs:
                # A second server that writes no tenant log events, measured in turns with the first (on, off, on,
                # off), so that a change in the machine's other load weighs on both figures alike: what writing an
                # event per token costs the endpoint.
                print("token endpoint with tenant logs on and off, in turns ...", flush=True)
                off_port = free_port()
                off = App("auth-server-tenant-logs-off", "auth-server", [
                    f"--server.port={off_port}", f"--auth-server.issuer=http://127.0.0.1:{off_port}/",
                    "--auth-server.tenant-logs.enabled=false"] + AUTH_SERVER_ARGS, work)
                apps.append(off)
                off.wait_healthy(off_port)
                off_url = f"http://127.0.0.1:{off_port}/oauth/token"
                wrk(off_url, token_warmup, script="token-request.lua")
                on_runs, off_runs = [], []
                for _ in range(2):
                    on_runs.append(wrk(token_url, options.seconds, script="token-request.lua"))
                    off_runs.append(wrk(off_url, options.seconds, script="token-request.lua"))
                off.stop()
                on_rps = sum(r["rps"] for r in on_runs) / len(on_runs)
                off_rps = sum(r["rps"] for r in off_runs) / len(off_runs)
                rows.append(("tokens/s, tenant logs on (2 turns)", on_rps, "/s", None, "",
                             None, " / ".join(f"{r['rps']:,.0f}" for r in on_runs)))
                rows.append(("tokens/s, tenant logs off (2 turns)", off_rps, "/s", None, "",
                             None, " / ".join(f"{r['rps']:,.0f}" for r in off_runs)))
                rows.append(("tokens/s, tenant logs on / off", on_rps, "/s", off_rps, "tokens/s with them off",
                             on_rps / off_rps, "≥ 0.9"))
                rows.append(("token p99 latency, tenant logs on / off", max(r["p99"] for r in on_runs), "ms",
                             max(r["p99"] for r in off_runs), "p99 ms with them off", None, ""))

            if options.slow_clients:
                print(f"token endpoint while {options.slow_clients} connections trickle their bodies ...", flush=True)
                slow = SlowClients(auth_port, options.slow_clients)
                try:
                    time.sleep(2)
                    s = wrk(token_url, options.seconds, script="token-request.lua")
                finally:
                    slow.stop()
                label = f"{options.slow_clients} slow clients"
                rows.append((f"tokens/s, 32 connections + {label}", s["rps"], "/s", t["rps"],
                             "tokens/s without them", s["rps"] / t["rps"], "≥ 0.8"))
                rows.append((f"token p99 latency with {label}", s["p99"], "ms", 50, "target", None, "≤ 50 ms"))
                rows.append((f"token non-200 answers with {label}", s["non2xx"], "", None, "", None, "0"))
                rows.append((f"slow connections opened ({options.seconds + 2} s)", slow.connections, "", None, "",
                             None, ""))

            if options.actions:
                print("token endpoint with the demo Action bound (a second auth-server) ...", flush=True)
                actions_port = free_port()
                with_actions = App("auth-server-actions", "auth-server", [
                    f"--server.port={actions_port}", f"--auth-server.issuer=http://127.0.0.1:{actions_port}/",
                    "--auth-server.flow-page.enabled=false"], work)
                apps.append(with_actions)
                with_actions.wait_healthy(actions_port)
                actions_url = f"http://127.0.0.1:{actions_port}/oauth/token"
                # The JIT compiles GraalJS's interpreter for the first 75 s or so of load (jstat -compiler), on the
                # cores the load shares: the warm-up covers it, and the figure is the one after, which lasts.
                wrk(actions_url, token_warmup, script="token-request.lua")
                # In turns, both servers warm: load from elsewhere on the machine weighs on both figures alike.
                # The servers' CPU per token is measured too: on a machine that other work keeps busy, throughput
                # varies from one 10 s window to the next, CPU per token much less.
                base_runs, action_runs, base_cpus, action_cpus = [], [], [], []
                for _ in range(2):
                    cpu = cpu_seconds(auth.process.pid)
                    base_runs.append(wrk(token_url, options.seconds, script="token-request.lua"))
                    base_cpus.append((cpu_seconds(auth.process.pid) - cpu) / max(base_runs[-1]["requests"], 1) * 1e6)
                    cpu = cpu_seconds(with_actions.process.pid)
                    action_runs.append(wrk(actions_url, options.seconds, script="token-request.lua"))
                    action_cpus.append((cpu_seconds(with_actions.process.pid) - cpu)
                                       / max(action_runs[-1]["requests"], 1) * 1e6)
                base = {"rps": sum(r["rps"] for r in base_runs) / 2, "p99": max(r["p99"] for r in base_runs)}
                a = {"rps": sum(r["rps"] for r in action_runs) / 2, "p99": max(r["p99"] for r in action_runs),
                     "non2xx": sum(r["non2xx"] for r in action_runs)}
                base_cpu, actions_cpu = sum(base_cpus) / 2, sum(action_cpus) / 2
                with_actions.stop()
                rows.append(("tokens/s without Actions (2 turns, mean)", base["rps"], "/s", None, "", None, ""))
                rows.append(("tokens/s with the demo Action bound (2 turns, mean)", a["rps"], "/s", base["rps"],
                             "tokens/s without Actions", a["rps"] / base["rps"], "≥ 0.7"))
                rows.append(("token p99 latency with the demo Action", a["p99"], "ms", base["p99"], "p99 without",
                             None, ""))
                rows.append(("server CPU per token with the demo Action", actions_cpu, "µs", base_cpu,
                             "µs without Actions", base_cpu / actions_cpu, "≥ 0.7"))
                rows.append(("token non-200 answers with the demo Action", a["non2xx"], "", None, "", None, "0"))
            if options.quotas:
                measure_quotas(options, work, apps, token_url, rows)

            if options.memory_tokens:
                issued = t["requests"]
                print(f"issuing {options.memory_tokens:,} tokens for the memory figure ...", flush=True)
                rate = max(t["rps"], 1)
                while issued < 100_000:
                    issued += wrk(token_url, max(5, int((100_000 - issued) / rate) + 1),
                                  script="token-request.lua")["requests"]
                rss_100k = auth.rss()
                while issued < options.memory_tokens:
                    issued += wrk(token_url, max(5, int((options.memory_tokens - issued) / rate) + 1),
                                  script="token-request.lua")["requests"]
                rss_1m = auth.rss()
                rows.append((f"auth-server RSS after {issued:,} tokens", rss_1m, "MiB", rss_100k,
                             "RSS after 100k tokens", rss_1m / rss_100k, "≤ 1.1"))

        if parts & {"api", "batch"}:
            api = App("timesheets-api", "timesheets-api", [
                f"--server.port={api_port}", f"--timesheets.security.issuer={issuer}",
                f"--timesheets.security.jwk-set-uri=http://127.0.0.1:{auth_port}/.well-known/jwks.json",
                f"--timesheets.openapi.token-url={token_url}"], work)
            apps.append(api)
            api.wait_healthy(api_port)
            rows.append(("timesheets-api startup", api.startup_seconds(), "s", None, "", None, ""))
            rows.append(("timesheets-api RSS after startup", api.rss(), "MiB", None, "", None, ""))

            writer, reader = token(auth_port, IMPORT_JOB), token(auth_port, READER)
            entry = http_json(f"http://127.0.0.1:{api_port}/timesheets", json.dumps(
                {"employee_id": "emp-1", "date": "2026-11-02", "project": "bench", "hours": 8}).encode(),
                {"Authorization": "Bearer " + writer, "Content-Type": "application/json",
                 "Idempotency-Key": "bench-" + str(time.time())})
            entry_url = f"http://127.0.0.1:{api_port}/timesheets/{entry['id']}"
            health_url = f"http://127.0.0.1:{api_port}/actuator/health"
            if "api" in parts:
                print("API: authenticated GET vs health ...", flush=True)
                wrk(entry_url, warmup, headers=["Authorization: Bearer " + reader])
                wrk(health_url, warmup)
                health = wrk(health_url, options.seconds)
                get = wrk(entry_url, options.seconds, headers=["Authorization: Bearer " + reader])
                rows.append(("API /actuator/health req/s", health["rps"], "/s", None, "", None, ""))
                rows.append(("API GET /timesheets/{id} req/s (JWT)", get["rps"], "/s", health["rps"], "health req/s",
                             get["rps"] / health["rps"], "≥ 0.7"))
                rows.append(("API GET p50 / p99", get["p50"], "ms", get["p99"], "p99 ms", None, ""))
                rows.append(("API GET non-2xx answers", get["non2xx"], "", None, "", None, "0"))

            if "batch" in parts:
                # The API's uploads slow down as its tables grow (random idempotency keys land all over the index), so
                # a raw figure taken only before the batch run would come from a smaller table than the batch meets.
                # The raw capacity is measured before and after the batch, and the batch is compared with their mean.
                print("API: raw upload capacity ...", flush=True)
                upload_url = f"http://127.0.0.1:{api_port}/timesheets/upload"
                upload_env = {"BEARER": writer, "CHUNK": "500"}
                wrk(upload_url, warmup, connections=4, script="upload.lua", env=upload_env)
                raw_before = wrk(upload_url, options.seconds, connections=4, script="upload.lua",
                                 env=upload_env)["rps"] * 500

                print(f"batch client: {options.entries:,} entries ...", flush=True)
                batch_dir = os.path.join(work, "timesheets-batch-client")
                write_inbox(os.path.join(batch_dir, "data", "inbox"), options.entries)
                batch = App("timesheets-batch-client", "timesheets-batch-client", [
                    "--once", f"--spring.security.oauth2.client.provider.exampleco.token-uri={token_url}",
                    f"--batch.delivery.api-url=http://127.0.0.1:{api_port}"], work)
                apps.append(batch)
                peak = 0.0
                while batch.process.poll() is None:
                    peak = max(peak, batch.rss())
                    time.sleep(0.2)
                with open(batch.log_path) as f:
                    summary = f.read()
                m = re.search(r"elapsed\s+([0-9.]+) s \(([0-9,]+) entries/s\)", summary)
                tokens = re.search(r"token requests\s+(\d+)", summary)
                if not m:
                    sys.exit(f"the batch client printed no summary; see {batch.log_path}")
                rate = float(m.group(2).replace(",", ""))

                print("API: raw upload capacity again ...", flush=True)
                raw_after = wrk(upload_url, options.seconds, connections=4, script="upload.lua",
                                env=upload_env)["rps"] * 500
                raw_entries = (raw_before + raw_after) / 2
                rows.append(("API raw upload, before the batch (wrk, chunks of 500)", raw_before, "entries/s", None,
                             "", None, ""))
                rows.append(("API raw upload, after the batch", raw_after, "entries/s", None, "", None, ""))
                rows.append((f"batch client, {options.entries:,} entries end to end", rate, "entries/s",
                             raw_entries, "mean raw upload entries/s", rate / raw_entries, "≥ 0.8"))
                rows.append(("batch client token requests", int(tokens.group(1)) if tokens else -1, "", None, "", None,
                             "1"))
                rows.append(("batch client startup", batch.startup_seconds(), "s", None, "", None, ""))
                rows.append(("batch client peak RSS", peak, "MiB", None, "", None, ""))
    finally:
        for app in reversed(apps):
            app.stop()
    report(rows, signs, provider, files=options.only is None)
    if options.keep:
        print(f"logs and data kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


def measure_quotas(options, work, apps, token_url, rows):
    """The token endpoint with Auth0 token quotas counted (a limit no run reaches, so nothing is refused) against the
    same without, on two servers measured in turns, twice each, so that a busy machine's drift hits both alike."""
    port = free_port()
    quota = App("auth-server-quotas", "auth-server",
                [f"--server.port={port}", f"--auth-server.issuer=http://127.0.0.1:{port}/",
                 "--auth-server.token-quotas.defaults.clients.client-credentials.per-hour=2000000000",
                 "--auth-server.token-quotas.defaults.clients.client-credentials.per-day=2000000000"] + AUTH_SERVER_ARGS,
                work)
    apps.append(quota)
    quota.wait_healthy(port)
    quota_url = f"http://127.0.0.1:{port}/oauth/token"
    print("token endpoint with token quotas counted, in turns with the one without ...", flush=True)
    wrk(quota_url, max(120, options.seconds), script="token-request.lua")
    off, on = [], []
    for _ in range(2):
        off.append(wrk(token_url, options.seconds, script="token-request.lua"))
        on.append(wrk(quota_url, options.seconds, script="token-request.lua"))
    off_rps = sum(r["rps"] for r in off) / len(off)
    on_rps = sum(r["rps"] for r in on) / len(on)
    rows.append(("tokens/s without token quotas (2 runs, mean)", off_rps, "/s", None, "", None, ""))
    rows.append(("tokens/s with token quotas counted (2 runs, mean)", on_rps, "/s", off_rps,
                 "tokens/s without", on_rps / off_rps, "≥ 0.9"))
    rows.append(("token p99 latency with token quotas", max(r["p99"] for r in on), "ms", 25, "target", None,
                 "≤ 25 ms"))
    rows.append(("token non-200 answers with token quotas", sum(r["non2xx"] for r in on), "", None, "", None, "0"))
    with open("/proc/loadavg") as f:
        print(f"load average during the quota runs: {f.read().split()[:3]}", flush=True)
    quota.stop()


def fmt(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{value:,}"


def report(rows, signs, provider, files=True):
    """Prints the table; a full run also writes it to bench/results.md and .html (a partial one leaves them be)."""
    machine = f"{platform.node()}, {os.cpu_count()} cores, {platform.platform()}, " \
              f"java {subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.split(chr(34))[1]}"
    header = ("figure", "value", "unit", "compared with", "of", "ratio", "target")
    table = [header] + [(r[0], fmt(r[1]), r[2], fmt(r[3]), r[4], fmt(r[5]), r[6]) for r in rows]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]
    print()
    for i, row in enumerate(table):
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    if not files:
        print("\na partial run (--only): bench/results.md and .html are left as they were")
        return
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    with open(os.path.join(BENCH, "results.md"), "w") as f:
        f.write(f"# Benchmark results\n\n{stamp}, {machine}. Token signatures: {provider}. "
                f"Reproduce with `bench/run`.\n\n")
        f.write("| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n")
        for row in table[1:]:
            f.write("| " + " | ".join(str(c) for c in row) + " |\n")
        f.write("\nChart of the ratios: [results.html](results.html).\n")
    ratios = [(r[0], r[5], r[6]) for r in rows if r[5] is not None]
    bars = []
    for i, (name, ratio, target) in enumerate(ratios):
        width = min(ratio, 2.0) * 200
        goal = {"≥ 0.5": 0.5, "≥ 0.7": 0.7, "≥ 0.8": 0.8, "≥ 0.9": 0.9, "≤ 1.1": 1.1}.get(target)
        y = 30 + i * 40
        bars.append(f'<text x="0" y="{y + 15}" font-size="13">{name}</text>'
                    f'<rect x="330" y="{y}" width="{width:.0f}" height="22" fill="#3b7dd8"/>'
                    f'<text x="{335 + width:.0f}" y="{y + 15}" font-size="13">{ratio:.2f}</text>')
        if goal:
            bars.append(f'<line x1="{330 + goal * 200:.0f}" y1="{y - 3}" x2="{330 + goal * 200:.0f}" '
                        f'y2="{y + 25}" stroke="#d83b3b" stroke-width="2"/>')
    with open(os.path.join(BENCH, "results.html"), "w") as f:
        f.write(f"<!doctype html><meta charset='utf-8'><title>Benchmark results</title>"
                f"<h1>Benchmark results</h1><p>{stamp}, {machine}. Token signatures: {provider}.</p>"
                f"<p>Ratios against each figure's limit (blue), with the target (red line).</p>"
                f"<svg width='800' height='{60 + 40 * len(ratios)}' font-family='sans-serif'>{''.join(bars)}</svg>"
                f"<pre>{open(os.path.join(BENCH, 'results.md')).read()}</pre>")
    print(f"\nwritten: bench/results.md, bench/results.html")


if __name__ == "__main__":
    main()
