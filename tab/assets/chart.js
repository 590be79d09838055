/**
 * The weekly attendance chart: an inline SVG bar per week, with a written summary for
 * screen readers and the same figures as a table beside it. No chart library: a bar
 * chart of twenty-odd weeks is a few rectangles.
 */
import { h, svg } from "./dom.js";
import { date, rate, shortDate } from "./format.js";

/** @typedef {{ weekStart: string, possibleSessions: number, attendedSessions: number, attendanceRate: number | null }} Week */

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 34, left: 44 };
/** Below 90% attendance a child is persistently absent (10% absence), so the line is drawn there. */
const PERSISTENT_LINE = 0.9;
/** Below 50%, severely absent. */
const SEVERE_LINE = 0.5;

/**
 * @param {Week[]} weeks oldest first
 * @param {{ idPrefix: string }} options
 * @returns {HTMLElement}
 */
export function attendanceChart(weeks, { idPrefix }) {
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(weeks.length, 1);
  const barW = Math.max(2, Math.min(28, slot * 0.7));
  const y = (/** @type {number} */ r) => PAD.top + plotH * (1 - r);
  // Roughly six date labels whatever the number of weeks, so they never overlap.
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 6));

  const chart = svg(
    "svg",
    {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: "img",
      "aria-labelledby": `${titleId} ${descId}`,
      class: "chart",
      focusable: "false",
    },
    svg("title", { id: titleId }, "Attendance by week"),
    svg("desc", { id: descId }, summary(weeks)),
    ...[0, 0.5, 1].map((r) => [
      svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(r), y2: y(r), class: "chart__grid" }),
      svg("text", { x: PAD.left - 6, y: y(r) + 4, class: "chart__axis", "text-anchor": "end" }, `${r * 100}%`),
    ]),
    svg("line", {
      x1: PAD.left,
      x2: WIDTH - PAD.right,
      y1: y(PERSISTENT_LINE),
      y2: y(PERSISTENT_LINE),
      class: "chart__threshold",
    }),
    svg("text", { x: WIDTH - PAD.right, y: y(PERSISTENT_LINE) - 4, class: "chart__axis", "text-anchor": "end" }, "90%"),
    ...weeks.map((week, i) => {
      const x = PAD.left + slot * i + (slot - barW) / 2;
      const label =
        i % labelEvery === 0
          ? svg(
              "text",
              { x: x + barW / 2, y: HEIGHT - PAD.bottom + 16, class: "chart__axis", "text-anchor": "middle" },
              shortDate(week.weekStart),
            )
          : null;
      if (week.attendanceRate === null) {
        // A week without school (half-term) is a gap with a small mark, not a zero bar.
        return svg(
          "g",
          { class: "chart__none" },
          svg("title", {}, `Week of ${date(week.weekStart)}: no school sessions`),
          svg("line", { x1: x, x2: x + barW, y1: y(0), y2: y(0) }),
          label,
        );
      }
      const barH = Math.max(2, plotH * week.attendanceRate);
      const band =
        week.attendanceRate < SEVERE_LINE
          ? " chart__bar--severe"
          : week.attendanceRate < PERSISTENT_LINE
            ? " chart__bar--low"
            : "";
      return svg(
        "g",
        {},
        svg(
          "rect",
          {
            x,
            // At least 2px tall, so a week with no attendance still shows as a bar.
            y: y(0) - barH,
            width: barW,
            height: barH,
            class: `chart__bar${band}`,
          },
          svg("title", {}, `Week of ${date(week.weekStart)}: ${rate(week.attendanceRate)}`),
        ),
        label,
      );
    }),
  );

  return h(
    "figure",
    { class: "chart-figure" },
    chart,
    h(
      "figcaption",
      {},
      "Bars show the share of possible sessions attended each week: blue at 90% or more, orange below 90% (the dashed line: persistent absence), red below 50% (severe). Weeks without school show as a grey line on the axis.",
    ),
    h("details", {}, h("summary", {}, "Attendance by week as a table"), weeksTable(weeks)),
  );
}

/** One sentence a screen reader reads for the chart. @param {Week[]} weeks */
function summary(weeks) {
  const counted = weeks.filter((w) => w.attendanceRate !== null);
  if (counted.length === 0) return "No attendance has been recorded this school year.";
  const lowest = counted.reduce((a, b) => ((b.attendanceRate ?? 1) < (a.attendanceRate ?? 1) ? b : a));
  const last = counted[counted.length - 1];
  const below = counted.filter((w) => (w.attendanceRate ?? 1) < PERSISTENT_LINE).length;
  return (
    `${counted.length} school weeks from ${date(counted[0].weekStart)}. ` +
    `Latest week ${rate(last.attendanceRate)}; lowest ${rate(lowest.attendanceRate)} in the week of ${date(lowest.weekStart)}; ` +
    `${below} ${below === 1 ? "week" : "weeks"} below 90%.`
  );
}

/** @param {Week[]} weeks */
function weeksTable(weeks) {
  return h(
    "table",
    { class: "compact" },
    h("caption", { class: "visually-hidden" }, "Attendance by week"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Week of"),
        h("th", { scope: "col", class: "num" }, "Sessions attended"),
        h("th", { scope: "col", class: "num" }, "Possible sessions"),
        h("th", { scope: "col", class: "num" }, "Attendance"),
      ),
    ),
    h(
      "tbody",
      {},
      ...weeks.map((w) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, date(w.weekStart)),
          h("td", { class: "num" }, w.attendedSessions),
          h("td", { class: "num" }, w.possibleSessions),
          h("td", { class: "num" }, w.attendanceRate === null ? "No school" : rate(w.attendanceRate)),
        ),
      ),
    ),
  );
}
