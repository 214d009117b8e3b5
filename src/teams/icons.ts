import { encodePng, type Rgba } from './png';

const WHITE: Rgba = [255, 255, 255, 255];
const TRANSPARENT: Rgba = [0, 0, 0, 0];

/** Is (u, v) — coordinates from 0 to 1 — inside a speech bubble: a rounded box with a tail bottom left? */
function inBubble(u: number, v: number): boolean {
  const [left, right, top, bottom, radius] = [0.2, 0.8, 0.24, 0.66, 0.08];
  const cx = Math.min(Math.max(u, left + radius), right - radius);
  const cy = Math.min(Math.max(v, top + radius), bottom - radius);
  const inBox =
    u >= left && u <= right && v >= top && v <= bottom && (u - cx) ** 2 + (v - cy) ** 2 <= radius ** 2;
  const inTail = v > bottom && v <= 0.8 && u >= 0.3 && u <= 0.3 + (0.8 - v) * 1.1;
  return inBox || inTail;
}

function hexToRgba(hex: string): Rgba {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, 255];
}

/** The color icon Teams asks for: 192×192, the accent colour with a white speech bubble. */
export function colorIcon(accentColor: string): Buffer {
  const background = hexToRgba(accentColor);
  return encodePng(192, 192, (x, y) => (inBubble((x + 0.5) / 192, (y + 0.5) / 192) ? WHITE : background));
}

/** The outline icon: 32×32, white on transparent only. */
export function outlineIcon(): Buffer {
  return encodePng(32, 32, (x, y) => (inBubble((x + 0.5) / 32, (y + 0.5) / 32) ? WHITE : TRANSPARENT));
}
