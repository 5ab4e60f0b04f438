#!/usr/bin/env python3
"""Load benchmark for Hanji: how long `hanji check` takes to load a whole vault,
compared with the cost of merely reading the notes (the cat+rg floor) and with
obsidian-export, a Rust peer that also parses and resolves an Obsidian vault.

Usage:
    python3 bench/load.py [--sizes 1000,10000,100000]
    HANJI_BENCH_SIZES=1000,10000 python3 bench/load.py

Needs hyperfine, ripgrep and GNU time (apt-get install -y hyperfine ripgrep time),
cargo, and python3 (stdlib only). Vaults, hyperfine JSON exports, the
obsidian-export install and the results go to bench/out/ (gitignored).
See bench/README.md for what every column means.
"""
import argparse, json, os, platform, shlex, shutil, statistics, subprocess, sys, tempfile, time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
OUT = os.path.join(BENCH, "out")
HANJI = os.path.join(ROOT, "target", "release", "hanji")
TOOLS = os.path.join(OUT, "tools")
OBS_EXPORT = os.path.join(TOOLS, "bin", "obsidian-export")
SEED = 42
PEER_SIZES = (1000, 2000)  # obsidian-export is only compared on small vaults, where it finishes quickly.


def log(msg):
    # Progress goes to stderr so that stdout carries only the final Markdown.
    print(msg, file=sys.stderr, flush=True)


def missing_tools():
    return [pkg for pkg, exe in (("hyperfine", "hyperfine"), ("ripgrep", "rg"), ("time", "/usr/bin/time"))
            if shutil.which(exe) is None]


def need_tools():
    # The benchmark is meaningless without its measuring tools, so install them
    # if we can (the Debian packages are tiny) and stop with a clear message if not.
    missing = missing_tools()
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        log("installing %s with apt-get" % " ".join(missing))
        subprocess.run(["apt-get", "install", "-y"] + missing, stdout=sys.stderr, check=False)
        missing = missing_tools()
    if missing:
        sys.exit("missing: %s (apt-get install -y hyperfine ripgrep time)" % " ".join(missing))


def build_hanji():
    # Always ask cargo: it is a no-op when the binary is fresh, and it guarantees
    # that the figures belong to the sources in this tree.
    log("building hanji (cargo build --release -p hanji-cli)")
    subprocess.run(["cargo", "build", "--release", "-p", "hanji-cli"], cwd=ROOT, stdout=sys.stderr, check=True)


def ensure_obsidian_export():
    """Return the obsidian-export binary, installing it on first use, or None."""
    if os.access(OBS_EXPORT, os.X_OK):
        return OBS_EXPORT
    log("installing obsidian-export into %s (once; takes a few minutes)" % TOOLS)
    # A separate target dir keeps this build from contending for the workspace's lock.
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(OUT, "cargo-target"))
    try:
        rc = subprocess.run(["cargo", "install", "obsidian-export", "--locked", "--root", TOOLS],
                            env=env, stdout=sys.stderr, check=False).returncode
    except OSError as e:  # No cargo at all.
        rc = str(e)
    if rc != 0 or not os.access(OBS_EXPORT, os.X_OK):
        log("SKIPPING obsidian-export: `cargo install obsidian-export` failed (%s)" % rc)
        return None
    return OBS_EXPORT


def ensure_vault(n):
    """Generate bench/out/vault-N once; reuse it while its stats say same N and seed."""
    vault = os.path.join(OUT, "vault-%d" % n)
    stats_path = os.path.join(vault, ".vault-stats.json")
    try:
        with open(stats_path) as f:
            st = json.load(f)
        if st.get("notes") == n and st.get("seed") == SEED:
            return vault, st
    except (OSError, ValueError):
        pass
    log("generating %d-note vault in %s" % (n, vault))
    subprocess.run([sys.executable, os.path.join(BENCH, "gen_vault.py"), str(n), vault, "--seed", str(SEED), "--force"],
                   stdout=subprocess.DEVNULL, check=True)
    with open(stats_path) as f:
        return vault, json.load(f)


def hyperfine(tag, commands, runs, prepare=None):
    """Run hyperfine on {name: shell command}; return {name: median seconds}."""
    export = os.path.join(OUT, "json", "%s.json" % tag)
    os.makedirs(os.path.dirname(export), exist_ok=True)
    args = ["hyperfine", "--warmup", "1", "--runs", str(runs), "--style", "basic", "--export-json", export]
    if prepare:
        args += ["--prepare", prepare]
    for name, cmd in commands.items():
        args += ["-n", name, cmd]
    subprocess.run(args, stdout=sys.stderr, check=True)
    with open(export) as f:
        return {r["command"]: r["median"] for r in json.load(f)["results"]}


def peak_rss_mb(argv, prepare=None, reps=3):
    """Median over `reps` runs of the max RSS (GNU time %M, in KiB), in MB."""
    samples = []
    for _ in range(reps):
        if prepare:
            prepare()
        with tempfile.NamedTemporaryFile("r") as t:
            # The command is run directly (no shell), so %M is the tool's own peak, not a shell's;
            # its stderr is dropped because obsidian-export warns once per unresolved link.
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name] + argv,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            samples.append(int(t.read().split()[-1]))
    return statistics.median(samples) * 1024 / 1e6


def q(path):
    return shlex.quote(path)


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def machine_info(started):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    commit = sh("git rev-parse --short HEAD 2>/dev/null") or "none"
    if commit != "none" and sh("git status --porcelain --untracked-files=no 2>/dev/null"):
        commit += " (with uncommitted changes)"
    return [
        "- date: %s (start of the run)" % time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(started)),
        "- machine: %s CPUs (nproc), %s, Linux %s" % (os.cpu_count(), cpu, platform.release()),
        "- git commit: %s" % commit,
        "- tools: %s; %s; %s" % (sh("hyperfine --version"), sh("rg --version | head -1"), sh("cat --version | head -1")),
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=os.environ.get("HANJI_BENCH_SIZES", "1000,10000,100000"),
                    help="comma-separated note counts (default 1000,10000,100000, or $HANJI_BENCH_SIZES)")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.replace(" ", ",").split(",") if s]
    t0 = time.time()
    need_tools()
    build_hanji()
    os.makedirs(OUT, exist_ok=True)

    # Main table: hanji's full load against the cost of just reading the notes.
    rows = []
    for n in sizes:
        vault, st = ensure_vault(n)
        runs = 10 if n <= 10000 else 5
        cmds = {
            "cat": "find %s -name '*.md' -print0 | xargs -0 cat > /dev/null" % q(vault),
            "rg": "rg --count-matches '\\[\\[' %s > /dev/null" % q(vault),
            "hanji": "%s check %s --json --no-cache > /dev/null" % (q(HANJI), q(vault)),
        }
        m = hyperfine("load-%d" % n, cmds, runs)
        rss = peak_rss_mb([HANJI, "check", vault, "--json", "--no-cache"])
        floor = m["cat"] + m["rg"]
        rows.append("| %d | %.1f | %.3f | %.3f | %.3f | %.3f | %.1f× | %.0f |" % (
            n, st["md_bytes"] / 1e6, m["cat"], m["rg"], floor, m["hanji"], m["hanji"] / floor, rss))

    # Second table: obsidian-export against hanji on the same small vaults.
    peer_rows, peer_note = [], None
    obs = ensure_obsidian_export()
    if obs is None:
        peer_note = "obsidian-export could not be installed (`cargo install obsidian-export --locked` failed); rows skipped."
    else:
        for n in PEER_SIZES:
            vault, st = ensure_vault(n)
            dest = os.path.join(OUT, "export-%d" % n)

            def fresh_dest():
                shutil.rmtree(dest, ignore_errors=True)
                os.makedirs(dest)
            # obsidian-export wants an existing, empty destination, so every run gets a fresh one.
            m = hyperfine("peer-%d" % n, {
                "obsidian-export": "%s %s %s > /dev/null" % (q(obs), q(vault), q(dest)),
                "hanji": "%s check %s --json --no-cache > /dev/null" % (q(HANJI), q(vault)),
            }, 10, prepare="rm -rf %s && mkdir %s" % (q(dest), q(dest)))
            rss_obs = peak_rss_mb([obs, vault, dest], prepare=fresh_dest)
            rss_hanji = peak_rss_mb([HANJI, "check", vault, "--json", "--no-cache"])
            shutil.rmtree(dest, ignore_errors=True)  # The exported copy is of no further use.
            peer_rows.append("| %d | %.1f | %.3f | %.3f | %.1f× | %.0f | %.0f |" % (
                n, st["md_bytes"] / 1e6, m["obsidian-export"], m["hanji"], m["obsidian-export"] / m["hanji"],
                rss_obs, rss_hanji))
        peer_note = "obsidian-export: %s" % sh("%s --version" % q(obs))

    cmd = "python3 bench/load.py --sizes %s" % ",".join(map(str, sizes))
    md = ["# Hanji load benchmark", ""] + machine_info(t0) + [
        "- reproduce: `%s` (from the repository root)" % cmd,
        "- page cache: warm. Every command gets one hyperfine warm-up run first, so the vault is already "
        "in memory; these are not cold-disk figures.",
        "- times are hyperfine medians in seconds; MB = 10^6 bytes; RSS is the median of 3 runs of "
        "`/usr/bin/time -f %M`.",
        "- this run took %.0f s (including any vault generation and installs)." % (time.time() - t0),
        "",
        "## hanji check vs the cat+rg floor", "",
        "| notes | MB of Markdown | cat (s) | rg (s) | cat+rg floor (s) | hanji load (s) | hanji / floor | hanji peak RSS (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ] + rows + [
        "", "## obsidian-export vs hanji", "",
        "| notes | MB of Markdown | obsidian-export (s) | hanji load (s) | obsidian-export / hanji | obsidian-export peak RSS (MB) | hanji peak RSS (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ] + peer_rows + ["", peer_note, ""]
    text = "\n".join(md)
    with open(os.path.join(OUT, "load-results.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
