/**
 * `npm run icons`: draws the Teams app icons, manifest/color.png (192×192, a white
 * mark on the manifest's accentColor) and manifest/outline.png (32×32, the same mark
 * white on transparent). The mark is a roof over an open book: home and school, the
 * two halves of a looked-after child's education. Shapes are computed per pixel, with
 * 4×4 supersampling for smooth edges, so the output is the same on every machine; the
 * PNGs are committed and this script only needs running when the design changes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

type Point = readonly [number, number];

const manifestDir = join(dirname(fileURLToPath(import.meta.url)), "..", "manifest");

/** Distance from p to the segment a–b. */
function segmentDistance(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

function insidePolygon(p: Point, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A polygon grown by `radius`, which rounds its corners. */
function inRoundedPolygon(p: Point, polygon: readonly Point[], radius: number): boolean {
  if (insidePolygon(p, polygon)) return true;
  return polygon.some((a, i) => segmentDistance(p, a, polygon[(i + 1) % polygon.length]!) <= radius);
}

// The mark in a unit box (y down). Pages are drawn shrunk by RADIUS, then grown back.
const ROOF: readonly Point[] = [
  [0.1, 0.4],
  [0.5, 0.07],
  [0.9, 0.4],
];
const ROOF_HALF_WIDTH = 0.075;
const RADIUS = 0.025;
const LEFT_PAGE: readonly Point[] = [
  [0.08, 0.57],
  [0.45, 0.64],
  [0.45, 0.93],
  [0.08, 0.86],
];
const RIGHT_PAGE: readonly Point[] = LEFT_PAGE.map(([x, y]) => [1 - x, y] as const);

function inMark(p: Point): boolean {
  return (
    segmentDistance(p, ROOF[0]!, ROOF[1]!) <= ROOF_HALF_WIDTH ||
    segmentDistance(p, ROOF[1]!, ROOF[2]!) <= ROOF_HALF_WIDTH ||
    inRoundedPolygon(p, LEFT_PAGE, RADIUS) ||
    inRoundedPolygon(p, RIGHT_PAGE, RADIUS)
  );
}

/** Share of the pixel (x, y) the mark covers, for a mark of `markSize` px centred in `size`. */
function coverage(x: number, y: number, size: number, markSize: number): number {
  const offset = (size - markSize) / 2;
  const n = 4;
  let hits = 0;
  for (let sy = 0; sy < n; sy++) {
    for (let sx = 0; sx < n; sx++) {
      const u = (x + (sx + 0.5) / n - offset) / markSize;
      const v = (y + (sy + 0.5) / n - offset) / markSize;
      if (inMark([u, v])) hits++;
    }
  }
  return hits / (n * n);
}

function draw(size: number, markSize: number, pixel: (cover: number) => [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) png.data.set(pixel(coverage(x, y, size, markSize)), (y * size + x) * 4);
  }
  return PNG.sync.write(png);
}

// The icon's background is the manifest's accentColor, so the two never drift apart.
const template = JSON.parse(readFileSync(join(manifestDir, "manifest.template.json"), "utf8")) as {
  accentColor: string;
};
const accent = (template.accentColor.match(/[0-9a-f]{2}/gi) ?? []).map((h) => Number.parseInt(h, 16));
if (accent.length !== 3) throw new Error(`accentColor ${template.accentColor} is not #rrggbb`);
const [ar = 0, ag = 0, ab = 0] = accent;
const mix = (from: number, cover: number) => Math.round(from + (255 - from) * cover);

// Teams shows the colour icon's symbol within about the middle 120 px of 192.
const color = draw(192, 112, (c) => [mix(ar, c), mix(ag, c), mix(ab, c), 255]);
// The outline icon has no padding to spare at 32 px: the mark fills most of it.
const outline = draw(32, 28, (c) => [255, 255, 255, Math.round(255 * c)]);

writeFileSync(join(manifestDir, "color.png"), color);
writeFileSync(join(manifestDir, "outline.png"), outline);
console.log(
  `Wrote manifest/color.png (192×192, ${color.length} bytes), manifest/outline.png (32×32, ${outline.length} bytes)`,
);
