// The Moment.js oracle (issue 14): every date, format and locale Hanji's
// date formatting (crates/dates) answered, in dates-oracle.json, formatted
// again by the real `moment` package and compared byte for byte. The Rust
// side keeps the file current (crates/dates/tests/oracle.rs).
import { describe, expect, it } from "vitest";
import moment from "moment";
import "moment/locale/ko";
import oracle from "./dates-oracle.json";

type Entry = [string, "en" | "ko", number, string];

describe("dates as Moment.js writes them", () => {
  const entries = oracle.entries as Entry[];

  it("covers thousands of dates in both locales", () => {
    expect(entries.length).toBeGreaterThan(2000);
    expect(new Set(entries.map((e) => e[1]))).toEqual(new Set(["en", "ko"]));
  });

  it("writes every one as moment does", () => {
    const wrong: string[] = [];
    for (const [time, locale, f, hanji] of entries) {
      const format = oracle.formats[f];
      const expected = moment.utc(time).locale(locale).format(format);
      if (expected !== hanji) wrong.push(`${time} ${locale} ${JSON.stringify(format)}: moment ${JSON.stringify(expected)}, Hanji ${JSON.stringify(hanji)}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
