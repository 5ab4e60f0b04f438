// Fuzzy matching for the quick switcher and the command palette. Pure: no DOM.
//
// Both sides are compared in NFC with Latin case folded, one code point at a
// time. A Hangul initial consonant in the query (ㅇ, or its conjoining form
// U+110B) matches any syllable that starts with it, so `ㅇㄹㅅ` finds
// `이력서` and `면ㅈ` finds `면접`. A syllable without a final consonant at the
// end of the query also matches the same syllable with one (`며` → `면`),
// since that is what an input method shows while a word is being typed.
//
// Ranking, best first: the query is a prefix of the text; it appears whole at
// the start of a word; it appears whole elsewhere; its characters appear in
// order. Within a tier, earlier and tighter matches in shorter texts win.
//
// Texts are matched as UTF-16 code units with arithmetic on code points, and
// a cheap in-order test rejects most texts before any scoring, so filtering
// tens of thousands of titles and paths stays well under a frame or two.

/** Compatibility jamo for the 19 initial consonants, in Unicode order. */
const CHOSEONG = [
  "ㄱ", "ㄲ", "ㄴ", "ㄷ", "ㄸ", "ㄹ", "ㅁ", "ㅂ", "ㅃ", "ㅅ",
  "ㅆ", "ㅇ", "ㅈ", "ㅉ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ",
];
const CHOSEONG_CODES = CHOSEONG.map((c) => c.charCodeAt(0));
const CHOSEONG_SET = new Set(CHOSEONG_CODES);
const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
const CONJOINING_CHOSEONG_FIRST = 0x1100;
const CONJOINING_CHOSEONG_LAST = 0x1112;

/** Score tiers; a match's score is its tier plus a bonus below 500. */
export const TIER = { prefix: 4000, wordStart: 3000, substring: 2000, subsequence: 1000 } as const;

export interface FuzzyMatch {
  score: number;
  /** Indices of the matched characters in the text's NFC code points. */
  positions: number[];
}

const isSyllable = (code: number) => code >= SYLLABLE_FIRST && code <= SYLLABLE_LAST;

/** The initial consonant of a Hangul syllable (`이` → `ㅇ`), else null. */
export function choseongOf(ch: string): string | null {
  const code = ch.codePointAt(0) ?? 0;
  return isSyllable(code) ? CHOSEONG[Math.floor((code - SYLLABLE_FIRST) / 588)] : null;
}

/** Every syllable replaced by its initial consonant: `이력서` → `ㅇㄹㅅ`. */
export function toChoseong(text: string): string {
  return Array.from(text.normalize("NFC"), (ch) => choseongOf(ch) ?? ch).join("");
}

// ---- Prepared texts ----

interface Prepared {
  /** The text in NFC. */
  nfc: string;
  /** The same, lower-cased code point by code point (same UTF-16 length). */
  lower: string;
  /** Whether it has characters outside the BMP (positions need converting). */
  astral: boolean;
}

function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = "";
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

const cache = new Map<string, Prepared>();
const CACHE_LIMIT = 100_000;

function prepared(text: string): Prepared {
  let p = cache.get(text);
  if (!p) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    const nfc = text.normalize("NFC");
    p = { nfc, lower: lowerSameLength(nfc), astral: /[\uD800-\uDFFF]/.test(nfc) };
    cache.set(text, p);
  }
  return p;
}

// ---- Word starts ----

const enum Kind {
  Space,
  Separator,
  Upper,
  Lower,
  Digit,
  Hangul,
  Other,
}

const SEPARATORS = new Set(Array.from("/\\-_.,:;()[]{}#|\"'`~!?+&*=<>@$%^", (c) => c.charCodeAt(0)));

function kindOf(code: number): Kind {
  if (code < 0x80) {
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return Kind.Space;
    if (code >= 0x41 && code <= 0x5a) return Kind.Upper;
    if (code >= 0x61 && code <= 0x7a) return Kind.Lower;
    if (code >= 0x30 && code <= 0x39) return Kind.Digit;
    return SEPARATORS.has(code) ? Kind.Separator : Kind.Other;
  }
  if (isSyllable(code) || (code >= 0x3131 && code <= 0x318e) || (code >= 0x1100 && code <= 0x11ff)) {
    return Kind.Hangul;
  }
  const ch = String.fromCodePoint(code);
  if (/\s/u.test(ch)) return Kind.Space;
  if (/\p{Lu}/u.test(ch)) return Kind.Upper;
  if (/\p{Nd}/u.test(ch)) return Kind.Digit;
  if (/\p{L}/u.test(ch)) return Kind.Lower;
  if (/\p{P}|\p{S}/u.test(ch)) return Kind.Separator;
  return Kind.Other;
}

function isWordStart(text: string, i: number): boolean {
  const kind = kindOf(text.codePointAt(i) ?? 0);
  if (kind === Kind.Space || kind === Kind.Separator) return false;
  if (i === 0) return true;
  const prevIndex = i >= 2 && /[\uDC00-\uDFFF]/.test(text[i - 1]) ? i - 2 : i - 1;
  const prev = kindOf(text.codePointAt(prevIndex) ?? 0);
  if (prev === Kind.Space || prev === Kind.Separator) return true;
  if (kind === Kind.Upper) return prev !== Kind.Upper;
  if (kind === Kind.Digit) return prev !== Kind.Digit;
  if (kind === Kind.Hangul) return prev !== Kind.Hangul;
  return prev === Kind.Hangul || prev === Kind.Digit;
}

// ---- Queries ----

interface QueryChar {
  code: number;
  /** UTF-16 length of this character in a text that has it. */
  width: number;
  isChoseong: boolean;
  /** For an unfinished last syllable: its code without a final consonant. */
  partialBase: number;
}

interface Query {
  chars: QueryChar[];
  /** The same without white space, for the in-order fallback. */
  compact: QueryChar[];
}

function prepareQuery(query: string): Query {
  const chars: QueryChar[] = [];
  for (const raw of lowerSameLength(query.normalize("NFC").trim())) {
    let code = raw.codePointAt(0) ?? 0;
    if (code >= CONJOINING_CHOSEONG_FIRST && code <= CONJOINING_CHOSEONG_LAST) {
      code = CHOSEONG_CODES[code - CONJOINING_CHOSEONG_FIRST];
    }
    chars.push({ code, width: code > 0xffff ? 2 : 1, isChoseong: CHOSEONG_SET.has(code), partialBase: -1 });
  }
  const last = chars[chars.length - 1];
  if (last && isSyllable(last.code) && (last.code - SYLLABLE_FIRST) % 28 === 0) last.partialBase = last.code;
  return { chars, compact: chars.filter((c) => kindOf(c.code) !== Kind.Space) };
}

/** 2 for the same character, 1 for a Hangul initial or unfinished syllable, 0 for none. */
function charScore(q: QueryChar, code: number): number {
  if (q.code === code) return 2;
  if (!isSyllable(code)) return 0;
  const s = code - SYLLABLE_FIRST;
  if (q.isChoseong) return CHOSEONG_CODES[Math.floor(s / 588)] === q.code ? 1 : 0;
  if (q.partialBase >= 0) return code - (s % 28) === q.partialBase ? 1 : 0;
  return 0;
}

// ---- Matching ----

function clampBonus(bonus: number): number {
  return Math.max(-499, Math.min(499, bonus));
}

/** Code point count of `text`, or its UTF-16 length when it has no astral characters. */
function lengthOf(p: Prepared): number {
  return p.astral ? Array.from(p.nfc).length : p.nfc.length;
}

/** Whether the query's characters appear in order (the cheap first test). */
function inOrder(q: QueryChar[], lower: string): boolean {
  let qi = 0;
  for (let i = 0; i < lower.length && qi < q.length; i++) {
    if (charScore(q[qi], lower.charCodeAt(i) >= 0xd800 ? (lower.codePointAt(i) ?? 0) : lower.charCodeAt(i)) > 0) qi++;
  }
  return qi === q.length;
}

function codeAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(i) ?? c) : c;
}

/** Exact-character count if the query matches contiguously at `start`, else -1. */
function contiguousAt(q: QueryChar[], lower: string, start: number): number {
  let exact = 0;
  let i = start;
  for (const qc of q) {
    if (i >= lower.length) return -1;
    const s = charScore(qc, codeAt(lower, i));
    if (s === 0) return -1;
    if (s === 2) exact++;
    i += qc.width;
  }
  return exact;
}

function contiguousPositions(q: QueryChar[], start: number): number[] {
  const out: number[] = [];
  let i = start;
  for (const qc of q) {
    out.push(i);
    i += qc.width;
  }
  return out;
}

function matchContiguous(q: QueryChar[], p: Prepared, length: number): FuzzyMatch | null {
  let best: FuzzyMatch | null = null;
  for (let start = 0; start < p.lower.length; start++) {
    const c = p.lower.charCodeAt(start);
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    const exact = contiguousAt(q, p.lower, start);
    if (exact < 0) continue;
    const tier = start === 0 ? TIER.prefix : isWordStart(p.nfc, start) ? TIER.wordStart : TIER.substring;
    const bonus = 200 + exact - Math.min(start, 100) - Math.min(length, 300) / 2;
    const score = tier + clampBonus(bonus);
    if (!best || score > best.score) best = { score, positions: contiguousPositions(q, start) };
    if (tier === TIER.prefix) break;
  }
  return best;
}

function matchSubsequence(q: QueryChar[], p: Prepared, length: number): FuzzyMatch | null {
  const lower = p.lower;
  // Forward: the first place the whole query fits, in order.
  let qi = 0;
  let end = -1;
  for (let i = 0; i < lower.length; i++) {
    if (charScore(q[qi], codeAt(lower, i)) > 0) {
      qi++;
      if (qi === q.length) {
        end = i;
        break;
      }
    }
  }
  if (end < 0) return null;
  // Backward from that end: the tightest window; then forward once more to
  // collect the positions.
  qi = q.length - 1;
  let start = end;
  for (let i = end; i >= 0; i--) {
    if (charScore(q[qi], codeAt(lower, i)) > 0) {
      start = i;
      if (qi === 0) break;
      qi--;
    }
  }
  const positions: number[] = [];
  let exact = 0;
  let wordStarts = 0;
  qi = 0;
  for (let i = start; i <= end && qi < q.length; i++) {
    const s = charScore(q[qi], codeAt(lower, i));
    if (s === 0) continue;
    positions.push(i);
    if (s === 2) exact++;
    if (isWordStart(p.nfc, i)) wordStarts++;
    qi++;
  }
  if (positions.length < q.length) return null;
  const span = positions[positions.length - 1] - positions[0] + 1;
  const gaps = span - positions.length;
  const bonus =
    200 + exact + wordStarts * 8 - gaps * 3 - Math.min(positions[0], 100) - Math.min(length, 300) / 2;
  return { score: TIER.subsequence + clampBonus(bonus), positions };
}

/** UTF-16 positions as code point positions. */
function toCodePoints(p: Prepared, positions: number[]): number[] {
  if (!p.astral) return positions;
  return positions.map((pos) => Array.from(p.nfc.slice(0, pos)).length);
}

function matchPrepared(query: Query, p: Prepared): FuzzyMatch | null {
  if (query.compact.length === 0) return { score: 0, positions: [] };
  if (!inOrder(query.compact, p.lower)) return null;
  const length = lengthOf(p);
  const m =
    (query.chars.length <= p.lower.length ? matchContiguous(query.chars, p, length) : null) ??
    matchSubsequence(query.compact, p, length);
  return m && { score: m.score, positions: toCodePoints(p, m.positions) };
}

/** How well `query` matches `text`, or null when it does not. */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  return matchPrepared(prepareQuery(query), prepared(text));
}

/**
 * Each item's texts, prepared once per item object and `keys` function:
 * a keystroke in a 10k-note switcher then allocates nothing per note.
 * (Items the shell sends again are new objects, so nothing goes stale.)
 */
const preparedKeys = new WeakMap<object, WeakMap<object, Prepared[]>>();

function preparedKeysOf<T>(keys: (item: T) => readonly string[]): (item: T) => Prepared[] {
  let byItem = preparedKeys.get(keys);
  if (!byItem) {
    byItem = new WeakMap();
    preparedKeys.set(keys, byItem);
  }
  const memo = byItem;
  return (item) => {
    if (typeof item !== "object" || item === null) return keys(item).map(prepared);
    let texts = memo.get(item);
    if (!texts) {
      texts = keys(item).map(prepared);
      memo.set(item, texts);
    }
    return texts;
  };
}

export interface Ranked<T> {
  item: T;
  score: number;
  /** Which of the item's texts matched best (index into `keys(item)`). */
  key: number;
  /** Matched positions in that text (NFC code points). */
  positions: number[];
}

/**
 * The items matching `query`, best first; ties keep the input order. Each
 * item is matched on several texts (title, aliases, path): the best counts,
 * with earlier texts preferred on equal scores. An empty query keeps every
 * item in order.
 */
export function fuzzyFilter<T>(
  query: string,
  items: readonly T[],
  keys: (item: T) => readonly string[],
  limit = Infinity,
): Ranked<T>[] {
  const q = prepareQuery(query);
  if (q.compact.length === 0) {
    return items.slice(0, limit).map((item) => ({ item, score: 0, key: 0, positions: [] }));
  }
  const ranked: (Ranked<T> & { order: number })[] = [];
  const memo = preparedKeysOf(keys);
  items.forEach((item, order) => {
    let best: (Ranked<T> & { order: number }) | null = null;
    const texts = memo(item);
    for (let key = 0; key < texts.length; key++) {
      const m = matchPrepared(q, texts[key]);
      if (m && (!best || m.score > best.score)) best = { item, score: m.score, key, positions: m.positions, order };
    }
    if (best) ranked.push(best);
  });
  ranked.sort((a, b) => b.score - a.score || a.order - b.order);
  return ranked.slice(0, limit).map(({ item, score, key, positions }) => ({ item, score, key, positions }));
}
