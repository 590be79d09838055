/**
 * The two icons Teams requires, checked the way Teams' own app validation does: the
 * colour icon exactly 192×192, the outline icon exactly 32×32 and white on transparent
 * (Teams recolours it for the app bar, so any other colour shows up as a smudge).
 */
import { PNG } from "pngjs";

export const COLOR_ICON = { file: "color.png", size: 192 } as const;
export const OUTLINE_ICON = { file: "outline.png", size: 32 } as const;

function decode(file: string, bytes: Uint8Array): { png?: PNG; problem?: string } {
  try {
    return { png: PNG.sync.read(Buffer.from(bytes)) };
  } catch (err) {
    return { problem: `${file} is not a readable PNG: ${(err as Error).message}` };
  }
}

function sizeProblem(file: string, png: PNG, size: number): string | undefined {
  return png.width === size && png.height === size
    ? undefined
    : `${file} is ${png.width}×${png.height}; it must be exactly ${size}×${size}`;
}

/** The first pixel, row by row, that is neither fully transparent nor pure white. */
export function firstNonWhitePixel(png: PNG): { x: number; y: number; rgba: number[] } | undefined {
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const [r = 0, g = 0, b = 0, a = 0] = png.data.subarray(i, i + 4);
      if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) return { x, y, rgba: [r, g, b, a] };
    }
  }
  return undefined;
}

/** One message per problem with either icon; none when both are fit for Teams. */
export function checkIcons(color: Uint8Array, outline: Uint8Array): string[] {
  const problems: string[] = [];
  const c = decode(COLOR_ICON.file, color);
  if (c.problem) problems.push(c.problem);
  const cSize = c.png && sizeProblem(COLOR_ICON.file, c.png, COLOR_ICON.size);
  if (cSize) problems.push(cSize);

  const o = decode(OUTLINE_ICON.file, outline);
  if (o.problem) problems.push(o.problem);
  if (o.png) {
    const oSize = sizeProblem(OUTLINE_ICON.file, o.png, OUTLINE_ICON.size);
    if (oSize) problems.push(oSize);
    const pixel = firstNonWhitePixel(o.png);
    if (pixel) {
      problems.push(
        `${OUTLINE_ICON.file} pixel (${pixel.x}, ${pixel.y}) is rgba(${pixel.rgba.join(", ")}): ` +
          "every pixel must be white (255, 255, 255) or fully transparent",
      );
    }
  }
  return problems;
}
