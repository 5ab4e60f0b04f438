// Tests for the arithmetic of the virtualised list.
import { describe, expect, it } from "vitest";
import { renderedRows, revealTop, rowWindow, type Viewport } from "./virtual";

const sizing = { rowHeight: 20, overscan: 2, fallbackRows: 10, wholeUpTo: 0 };
const view = (scrollTop: number, height: number, listTop = 0): Viewport => ({ scrollTop, height, listTop });

describe("the window of rows rendered", () => {
  const cases: [string, number, Viewport, { start: number; end: number }][] = [
    ["the top: the rows in view and the overscan below", 1000, view(0, 100), { start: 0, end: 7 }],
    ["scrolled: the overscan on both sides", 1000, view(400, 100), { start: 18, end: 27 }],
    ["a row half in view counts", 1000, view(410, 100), { start: 18, end: 28 }],
    ["a header above the list: the list starts lower", 1000, view(0, 100, 60), { start: 0, end: 4 }],
    ["the end: no rows past the last", 30, view(500, 100), { start: 23, end: 30 }],
    ["fewer rows than fit", 3, view(0, 100), { start: 0, end: 3 }],
    ["no rows", 0, view(0, 100), { start: 0, end: 0 }],
    ["no layout (hidden, jsdom): the fallback's rows", 1000, view(0, 0), { start: 0, end: 12 }],
    ["no layout, scrolled: the fallback's rows from there", 1000, view(200, 0), { start: 8, end: 22 }],
    ["scrolled past the end (a list that shrank)", 10, view(5000, 100), { start: 10, end: 10 }],
  ];
  it.each(cases)("%s", (_, count, v, window) => {
    expect(rowWindow(count, v, sizing)).toEqual(window);
  });

  it("renders a short list whole, wherever it is scrolled", () => {
    const short = { ...sizing, wholeUpTo: 50 };
    expect(rowWindow(50, view(400, 100), short)).toEqual({ start: 0, end: 50 });
    expect(rowWindow(51, view(400, 100), short)).toEqual({ start: 18, end: 27 });
  });
});

describe("scrolling a row into view", () => {
  const cases: [string, number, Viewport, number | null][] = [
    ["in view: no scrolling", 3, view(0, 100), null],
    ["below: its bottom at the bottom", 10, view(0, 100), 120],
    ["above: its top at the top", 2, view(100, 100), 40],
    ["partly below: just enough", 5, view(10, 100), 20],
    ["partly above: just enough", 0, view(10, 100), 0],
    ["below a header", 10, view(0, 100, 50), 170],
    ["without layout, the fallback's height", 20, view(0, 0), 220],
  ];
  it.each(cases)("%s", (_, index, v, top) => {
    expect(revealTop(index, v, sizing)).toBe(top);
  });
});

describe("the rows in the page", () => {
  const cases: [string, [number, number], number[], number[]][] = [
    ["the window alone", [3, 6], [], [3, 4, 5]],
    ["extras inside the window change nothing", [3, 6], [4, 3], [3, 4, 5]],
    ["extras outside, in order, once each", [3, 6], [9, 0, 9, -1], [0, 3, 4, 5, 9]],
    ["extras out of the list are left out", [0, 2], [-1, 10, 12], [0, 1]],
  ];
  it.each(cases)("%s", (_, [start, end], extras, rows) => {
    expect(renderedRows(start, end, extras, 10)).toEqual(rows);
  });
});
