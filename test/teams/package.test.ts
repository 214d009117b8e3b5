import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { unzipSync } from 'fflate';
import { loadConfig } from '../../src/config';
import { buildTeamsPackage } from '../../src/teams/teamsPackage';
import { defaultServices, ui } from '../helpers/conversation';
import { PROJECT_ROOT } from '../helpers/paths';

const SCHEMA_FILE = path.join(PROJECT_ROOT, 'teams', 'schema', 'MicrosoftTeams.schema.json');
const BOT_ID = '5f0c2a4e-1111-4a2b-9c3d-123456789abc';
const ENV = {
  MicrosoftAppId: BOT_ID,
  PUBLIC_URL: 'https://helpbot.example.ch',
  TEAMS_WEBSITE_URL: 'https://www.example.ch',
  TEAMS_PRIVACY_URL: 'https://www.example.ch/datenschutz',
  TEAMS_TERMS_URL: 'https://www.example.ch/nutzungsbedingungen',
};

/** The files of a zip archive, as Teams reads them. */
function unzip(archive: Buffer): Map<string, Buffer> {
  return new Map(
    Object.entries(unzipSync(new Uint8Array(archive))).map(([name, data]) => [name, Buffer.from(data)]),
  );
}

/** The predictor of PNG filter type 4 (Paeth). */
function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
  return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
}

/** Width, height and RGBA pixels of an 8-bit RGBA PNG (any row filter, as image editors write them). */
function decodePng(png: Buffer): { width: number; height: number; pixels: number[][] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(png.subarray(24, 26)).toEqual(Buffer.from([8, 6]));
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at)) {
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT')
      chunks.push(png.subarray(at + 8, at + 8 + png.readUInt32BE(at)));
  }
  const data = inflateSync(Buffer.concat(chunks));
  const stride = width * 4;
  const image = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const raw = data[y * (stride + 1) + 1 + i];
      const left = i >= 4 ? image[y * stride + i - 4] : 0;
      const up = y > 0 ? image[(y - 1) * stride + i] : 0;
      const upLeft = i >= 4 && y > 0 ? image[(y - 1) * stride + i - 4] : 0;
      const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      image[y * stride + i] = (raw + predicted) & 255;
    }
  }
  const pixels: number[][] = [];
  for (let at = 0; at < image.length; at += 4) pixels.push([...image.subarray(at, at + 4)]);
  return { width, height, pixels };
}

function validatorFor(schema: Record<string, unknown>) {
  // The Teams schema declares draft-04 but uses `const` (draft-06); Ajv's default dialect covers both.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile({ ...schema, $schema: undefined });
}

describe('the Teams app package', () => {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown> & {
    properties: Record<string, { const?: string; properties?: Record<string, { maxLength: number }> }>;
  };
  const files = unzip(buildTeamsPackage(loadConfig(ENV), defaultServices().translator));
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));

  test('holds the manifest, a language file for French and Italian and both icons', () => {
    expect([...files.keys()].sort()).toEqual([
      'color.png',
      'fr.json',
      'it.json',
      'manifest.json',
      'outline.png',
    ]);
  });

  test('its manifest is valid against the Teams manifest schema of the version it declares', () => {
    const validate = validatorFor(schema);
    expect(manifest.manifestVersion).toBe(schema.properties.manifestVersion.const);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  test('the schema check catches a broken manifest', () => {
    const validate = validatorFor(schema);
    expect(validate({ ...manifest, bots: [{ ...manifest.bots[0], botId: 'not-a-guid' }] })).toBe(false);
    expect(validate({ ...manifest, name: { short: 'x'.repeat(31) } })).toBe(false);
  });

  test('comes from the configuration: bot id, app id, version, publisher, valid domain', () => {
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots).toEqual([expect.objectContaining({ botId: BOT_ID, scopes: ['personal'] })]);
    expect(manifest.developer).toEqual(
      expect.objectContaining({ privacyUrl: ENV.TEAMS_PRIVACY_URL, termsOfUseUrl: ENV.TEAMS_TERMS_URL }),
    );
    expect(manifest.validDomains).toEqual(['helpbot.example.ch']);
    const custom = unzip(
      buildTeamsPackage(
        loadConfig({
          ...ENV,
          TEAMS_APP_ID: '0b7a9c1e-2222-4d3e-8f90-abcdefabcdef',
          TEAMS_APP_VERSION: '1.2.3',
        }),
        defaultServices().translator,
      ),
    );
    expect(JSON.parse(custom.get('manifest.json')!.toString())).toEqual(
      expect.objectContaining({ id: '0b7a9c1e-2222-4d3e-8f90-abcdefabcdef', version: '1.2.3' }),
    );
  });

  test('names and describes the app in German (manifest), French and Italian (language files)', () => {
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'de',
      additionalLanguages: [
        { languageTag: 'fr', file: 'fr.json' },
        { languageTag: 'it', file: 'it.json' },
      ],
    });
    expect(manifest.name.short).toBe(ui('de', 'teams.nameShort', { brand: 'KPT' }));
    const limits = {
      name: schema.properties.name.properties!,
      description: schema.properties.description.properties!,
    };
    for (const lang of ['fr', 'it'] as const) {
      const strings = JSON.parse(files.get(`${lang}.json`)!.toString('utf8'));
      expect(strings).toEqual(
        expect.objectContaining({
          'name.short': ui(lang, 'teams.nameShort', { brand: 'CPT' }),
          'name.full': ui(lang, 'teams.nameFull', { brand: 'CPT' }),
          'description.short': ui(lang, 'teams.descriptionShort', { brand: 'CPT' }),
          'description.full': ui(lang, 'teams.descriptionFull', { brand: 'CPT' }),
        }),
      );
      for (const field of ['name', 'description'] as const) {
        for (const size of ['short', 'full'] as const) {
          expect(strings[`${field}.${size}`].length).toBeLessThanOrEqual(limits[field][size].maxLength);
        }
      }
    }
  });

  test('has a 192×192 opaque color icon and a 32×32 white-on-transparent outline icon', () => {
    const color = decodePng(files.get('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.pixels.every(([, , , alpha]) => alpha === 255)).toBe(true);
    const outline = decodePng(files.get('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const white = outline.pixels.filter(([r, g, b, a]) => r === 255 && g === 255 && b === 255 && a === 255);
    const transparent = outline.pixels.filter(([, , , a]) => a === 0);
    expect(white.length).toBeGreaterThan(0);
    expect(white.length + transparent.length).toBe(32 * 32);
  });

  test('takes its icons from TEAMS_ICONS_DIR, and names a missing or wrong-size icon', () => {
    const icons = mkdtempSync(path.join(tmpdir(), 'teams-icons-'));
    copyFileSync(path.join(PROJECT_ROOT, 'teams', 'icons', 'outline.png'), path.join(icons, 'outline.png'));
    const build = () =>
      buildTeamsPackage(loadConfig({ ...ENV, TEAMS_ICONS_DIR: icons }), defaultServices().translator);
    expect(build).toThrow(/TEAMS_ICONS_DIR=.*color\.png is missing/);
    copyFileSync(path.join(PROJECT_ROOT, 'teams', 'icons', 'outline.png'), path.join(icons, 'color.png'));
    expect(build).toThrow(/color\.png is 32×32 pixels, Teams needs 192×192/);
    writeFileSync(path.join(icons, 'color.png'), 'not an image');
    expect(build).toThrow(/color\.png is not a PNG image/);
    const designed = readFileSync(path.join(PROJECT_ROOT, 'teams', 'icons', 'color.png'));
    writeFileSync(path.join(icons, 'color.png'), designed);
    expect(unzip(build()).get('color.png')).toEqual(designed);
  });

  test('is the same byte for byte when built twice (a package can be compared with the one uploaded)', () => {
    const config = loadConfig(ENV);
    expect(buildTeamsPackage(config, defaultServices().translator)).toEqual(
      buildTeamsPackage(config, defaultServices().translator),
    );
  });

  test('`npm run teams:package` writes the zip, and names what is missing in the configuration', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'teams-')), 'app.zip');
    const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
    const cli = path.join(PROJECT_ROOT, 'src', 'teams', 'main.ts');
    execFileSync(tsx, [cli, out], { env: { ...process.env, ...ENV }, cwd: PROJECT_ROOT });
    expect([...unzip(readFileSync(out)).keys()]).toContain('manifest.json');

    let message = '';
    try {
      execFileSync(tsx, [cli, out], {
        env: { ...process.env, ...ENV, MicrosoftAppId: '', TEAMS_PRIVACY_URL: '' },
        cwd: PROJECT_ROOT,
        stdio: 'pipe',
      });
    } catch (error) {
      message = String((error as { stderr: Buffer }).stderr);
    }
    expect(message).toContain('MicrosoftAppId');
    expect(message).toContain('TEAMS_PRIVACY_URL');
  });
});
