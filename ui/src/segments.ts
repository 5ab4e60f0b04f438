// Splitting text into plain and marked pieces, so highlights can be built as
// text nodes and <mark> elements (never as HTML). Offsets count Unicode code
// points, as the shell's character offsets do.

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * `text` cut at `[start, end)` ranges (code points). Ranges may be unsorted,
 * overlap, or reach past the end; empty ones are ignored.
 */
export function markRanges(text: string, ranges: readonly (readonly [number, number])[]): Segment[] {
  const chars = Array.from(text);
  const marked = new Uint8Array(chars.length);
  for (const [start, end] of ranges) {
    const from = Math.max(0, Math.floor(start));
    const to = Math.min(chars.length, Math.floor(end));
    for (let i = from; i < to; i++) marked[i] = 1;
  }
  const out: Segment[] = [];
  let i = 0;
  while (i < chars.length) {
    const mark = marked[i] === 1;
    let j = i;
    while (j < chars.length && (marked[j] === 1) === mark) j++;
    out.push({ text: chars.slice(i, j).join(""), mark });
    i = j;
  }
  return out;
}

/** `text` with single characters marked (code point positions). */
export function markPositions(text: string, positions: readonly number[]): Segment[] {
  return markRanges(
    text,
    positions.map((p) => [p, p + 1] as const),
  );
}

/**
 * Ranges of every case-insensitive occurrence of any of `terms` in `text`
 * (code points), for marking a note's title inside a mention.
 */
export function findTerms(text: string, terms: readonly string[]): [number, number][] {
  const chars = Array.from(text.normalize("NFC"));
  const hay = chars.map((c) => c.toLowerCase());
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const needle = Array.from(term.normalize("NFC"), (c) => c.toLowerCase());
    if (needle.length === 0) continue;
    for (let i = 0; i + needle.length <= hay.length; i++) {
      let ok = true;
      for (let k = 0; k < needle.length && ok; k++) ok = hay[i + k] === needle[k];
      if (ok) ranges.push([i, i + needle.length]);
    }
  }
  return ranges;
}
