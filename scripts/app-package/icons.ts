import { PNG } from 'pngjs';

/**
 * The Teams app icons, drawn from code so they can be regenerated and checked: a light bulb (an
 * idea, a proposal) with rays. Teams wants a 192×192 full-colour icon and a 32×32 outline icon that
 * is white on a transparent background (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package).
 */

export const accentColor = '#1F6FB2';
export const colorIconSize = 192;
export const outlineIconSize = 32;

type Point = readonly [number, number];

/** Is the point (unit square, y downwards) inside the glyph? */
const insideGlyph = (x: number, y: number, withRays: boolean): boolean => {
  const bulb = Math.hypot(x - 0.5, y - 0.4) <= 0.25;
  // The neck narrows from the bulb to the screw base.
  const neckTop = 0.52;
  const neckBottom = 0.68;
  const neckHalfWidth = 0.15 - ((y - neckTop) / (neckBottom - neckTop)) * 0.04;
  const neck = y >= neckTop && y <= neckBottom && Math.abs(x - 0.5) <= neckHalfWidth;
  const bar = (top: number, bottom: number, halfWidth: number) =>
    y >= top && y <= bottom && Math.abs(x - 0.5) <= halfWidth - roundedEnd(y, top, bottom);
  const base = bar(0.71, 0.76, 0.12) || bar(0.79, 0.84, 0.12) || bar(0.87, 0.91, 0.06);
  return bulb || neck || base || (withRays && insideRay(x, y));
};

/** Rounds the ends of a bar of height (bottom - top) by trimming its corners. */
const roundedEnd = (y: number, top: number, bottom: number): number => {
  const radius = (bottom - top) / 2;
  const dy = Math.abs(y - (top + radius));
  return radius - Math.sqrt(Math.max(0, radius * radius - dy * dy));
};

/** Five short rays above the bulb, from 150° to 30°. */
const rays: readonly (readonly [Point, Point])[] = [150, 115, 90, 65, 30].map((degrees) => {
  const angle = (degrees * Math.PI) / 180;
  const direction: Point = [Math.cos(angle), -Math.sin(angle)];
  const from: Point = [0.5 + direction[0] * 0.31, 0.4 + direction[1] * 0.31];
  const to: Point = [0.5 + direction[0] * 0.4, 0.4 + direction[1] * 0.4];
  return [from, to] as const;
});

const insideRay = (x: number, y: number): boolean =>
  rays.some(([[x1, y1], [x2, y2]]) => {
    const length = Math.hypot(x2 - x1, y2 - y1);
    const t = Math.max(0, Math.min(1, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / (length * length)));
    return Math.hypot(x - (x1 + t * (x2 - x1)), y - (y1 + t * (y2 - y1))) <= 0.028;
  });

/** Share of a pixel covered by the glyph (4×4 samples), the glyph filling `box` of the canvas. */
const coverage = (px: number, py: number, size: number, box: number, withRays: boolean): number => {
  const samples = 4;
  const offset = (size - box) / 2;
  let inside = 0;
  for (let sy = 0; sy < samples; sy += 1) {
    for (let sx = 0; sx < samples; sx += 1) {
      const x = (px + (sx + 0.5) / samples - offset) / box;
      const y = (py + (sy + 0.5) / samples - offset) / box;
      if (insideGlyph(x, y, withRays)) inside += 1;
    }
  }
  return inside / (samples * samples);
};

const hexToRgb = (hex: string): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];

/** 192×192: a white bulb on the accent colour, opaque (Teams rounds the corners itself). */
export const drawColorIcon = (): Buffer => {
  const png = new PNG({ width: colorIconSize, height: colorIconSize });
  const [r, g, b] = hexToRgb(accentColor);
  for (let y = 0; y < colorIconSize; y += 1) {
    for (let x = 0; x < colorIconSize; x += 1) {
      const c = coverage(x, y, colorIconSize, 128, true);
      const i = (y * colorIconSize + x) * 4;
      png.data[i] = Math.round(r + (255 - r) * c);
      png.data[i + 1] = Math.round(g + (255 - g) * c);
      png.data[i + 2] = Math.round(b + (255 - b) * c);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
};

/** 32×32: white only, the glyph's edges antialiased through alpha, the rest fully transparent. */
export const drawOutlineIcon = (): Buffer => {
  const png = new PNG({ width: outlineIconSize, height: outlineIconSize });
  for (let y = 0; y < outlineIconSize; y += 1) {
    for (let x = 0; x < outlineIconSize; x += 1) {
      const i = (y * outlineIconSize + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(coverage(x, y, outlineIconSize, 30, true) * 255);
    }
  }
  return PNG.sync.write(png);
};
