import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config';

/** The two icons Teams asks for, with the size its manifest schema requires. */
const ICONS = [
  { file: 'color.png', size: 192 },
  { file: 'outline.png', size: 32 },
] as const;

export type IconFile = (typeof ICONS)[number]['file'];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What is wrong with an icon file, or undefined: Teams rejects a package whose icons are not PNGs of this size. */
function iconProblem(png: Buffer, size: number): string | undefined {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) return 'is not a PNG image';
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  return width === size && height === size
    ? undefined
    : `is ${width}×${height} pixels, Teams needs ${size}×${size}`;
}

/** The icons from the icon folder (TEAMS_ICONS_DIR, designed assets replaceable without a developer), checked. */
export function readIcons(iconsDir: string): Record<IconFile, Buffer> {
  const problems: string[] = [];
  const icons = {} as Record<IconFile, Buffer>;
  for (const { file, size } of ICONS) {
    const at = path.join(iconsDir, file);
    let png: Buffer;
    try {
      png = readFileSync(at);
    } catch {
      problems.push(`TEAMS_ICONS_DIR=${JSON.stringify(iconsDir)}: ${file} is missing`);
      continue;
    }
    const problem = iconProblem(png, size);
    if (problem) problems.push(`TEAMS_ICONS_DIR=${JSON.stringify(iconsDir)}: ${file} ${problem}`);
    icons[file] = png;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return icons;
}
