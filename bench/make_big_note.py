"""Writes one large, realistic note for the editor benchmark: the notes of
vault-sample (Korean prose, headings, lists, tables, links, tags, code)
repeated under numbered headings until the note holds at least SIZE bytes.
Deterministic: the same sample gives the same note.

    python3 bench/make_big_note.py vault-sample OUT.md [SIZE]
"""
import pathlib
import sys


def main() -> None:
    sample = pathlib.Path(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 1 << 20
    bodies = []
    for note in sorted(sample.rglob("*.md")):
        text = note.read_text(encoding="utf-8")
        # Front matter belongs to the top of a note only.
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            if end >= 0:
                text = text[end + 5 :]
        bodies.append(text.strip() + "\n")
    parts = ["# 큰 노트\n\n벤치마크용으로 vault-sample의 노트를 이어 붙인 노트.\n"]
    total = len(parts[0].encode())
    round_ = 0
    while total < size:
        for body in bodies:
            chunk = f"\n## 묶음 {round_ + 1}\n\n{body}"
            parts.append(chunk)
            total += len(chunk.encode())
            if total >= size:
                break
        round_ += 1
    out.write_text("".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
