#!/usr/bin/env python3
"""Scale benchmark for two worst cases of issue 10: a file name shared by many
notes (item 18), and backlinks on very long lines (item 19).

Cases, generated deterministically into a temporary folder (no randomness):

- shared-N: N folders `f00000/ ... `, each with `index.md` linking `[[index]]`
  (every link ambiguous: N candidates, the winner the note's own file);
- unique-N: the same N folders, each with `note-i.md` linking
  `[[note-(i+1)]]` (every link unique), the baseline;
- longline: `Target.md` and `Long.md`, one line of 10 MB holding 588 links
  `[[Target]]` evenly spaced;
- twolines: `Target.md` and `Many.md`, 100,000 links `[[Target]]` on two
  lines (about 1 MB each).

Measured with hyperfine (median of --runs, no warm-up: the generator has just
written the files, so the page cache is warm): `hanji check VAULT --json
--no-cache` for shared-N and unique-N, `hanji backlinks VAULT Target --json
--no-cache` for the long-line cases.

Usage:
    python3 bench/shared_names.py [--sizes 5000,10000,20000] [--runs 3]
        [--hanji target/release/hanji] [--before /tmp/hanji-before]

`--hanji` defaults to target/release/hanji (build it first with
`cargo build --release -p hanji-cli`); `--before`, if given, is a binary of
another commit measured on the same vaults in the same run, for a before/after
table. Prints the results as Markdown on stdout; progress on stderr. Needs
hyperfine and python3 (standard library only).
"""
import argparse, json, os, shutil, subprocess, sys, tempfile

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def gen_shared(root, n):
    for i in range(n):
        write(os.path.join(root, "f%05d" % i, "index.md"), "# Index %d\n\nSee [[index]].\n" % i)


def gen_unique(root, n):
    for i in range(n):
        write(os.path.join(root, "f%05d" % i, "note-%d.md" % i),
              "# Note %d\n\nSee [[note-%d]].\n" % (i, (i + 1) % n))


def gen_longline(root):
    # 10 MB on one line, 588 links evenly spaced in filler words.
    links, size = 588, 10_000_000
    filler = ("lorem ipsum dolor sit amet 가나다라 " * 1000)
    gap = size // links - len("[[Target]] ")
    chunk = filler.encode()[:gap].decode("utf-8", "ignore")
    write(os.path.join(root, "Target.md"), "# Target\n")
    write(os.path.join(root, "Long.md"), "".join(chunk + "[[Target]] " for _ in range(links)) + "\n")


def gen_twolines(root):
    line = "".join("word %d [[Target]] " % (i % 10) for i in range(50_000))
    write(os.path.join(root, "Target.md"), "# Target\n")
    write(os.path.join(root, "Many.md"), line + "\n" + line + "\n")


def hyperfine(out_dir, tag, commands, runs):
    """Run hyperfine on {name: shell command}; return {name: median seconds}."""
    export = os.path.join(out_dir, tag + ".json")
    args = ["hyperfine", "--runs", str(runs), "--style", "basic", "--export-json", export]
    names = list(commands)
    for name in names:
        args += ["-n", name, commands[name]]
    subprocess.run(args, stdout=sys.stderr, check=True)
    with open(export) as f:
        results = json.load(f)["results"]
    return {r["command"]: r["median"] for r in results}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="5000,10000,20000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--hanji", default=os.path.join(ROOT, "target", "release", "hanji"))
    ap.add_argument("--before", default=None)
    args = ap.parse_args()
    if shutil.which("hyperfine") is None:
        sys.exit("missing: hyperfine (apt-get install -y hyperfine)")
    bins = {"after": os.path.abspath(args.hanji)}
    if args.before:
        bins = {"before": os.path.abspath(args.before), **bins}
    for b in bins.values():
        if not os.access(b, os.X_OK):
            sys.exit("not an executable: %s" % b)
    sizes = [int(s) for s in args.sizes.split(",") if s]

    tmp = tempfile.mkdtemp(prefix="hanji-shared-names-")
    try:
        cases = []  # (label, vault, hanji arguments after the binary)
        for n in sizes:
            for kind, gen in (("shared", gen_shared), ("unique", gen_unique)):
                vault = os.path.join(tmp, "%s-%d" % (kind, n))
                log("generating %s" % vault)
                gen(vault, n)
                cases.append(("check, %s names, %d notes" % (kind, n), vault, "check %s --json --no-cache" % vault))
        for label, gen, name in (("backlinks, 10 MB line, 588 links", gen_longline, "longline"),
                                 ("backlinks, 100k links on 2 lines", gen_twolines, "twolines")):
            vault = os.path.join(tmp, name)
            log("generating %s" % vault)
            gen(vault)
            cases.append((label, vault, "backlinks %s Target --json --no-cache" % vault))

        rows = []
        for i, (label, vault, cmd) in enumerate(cases):
            commands = {which: "%s %s > /dev/null" % (b, cmd) for which, b in bins.items()}
            log("== %s" % label)
            rows.append((label, hyperfine(tmp, "case%d" % i, commands, args.runs)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    cols = list(bins)
    head = "| case | " + " | ".join("%s (s)" % c for c in cols)
    head += " | before / after |" if "before" in bins else " |"
    print(head)
    print("|---" + "|---:" * (len(cols) + ("before" in bins)) + "|")
    for label, m in rows:
        cells = ["%.3f" % m[c] for c in cols]
        if "before" in bins:
            ratio = m["before"] / m["after"] if m["after"] > 0 else float("nan")
            cells.append(("%.1f×" if ratio < 10 else "%.0f×") % ratio)
        print("| %s | %s |" % (label, " | ".join(cells)))


if __name__ == "__main__":
    main()
