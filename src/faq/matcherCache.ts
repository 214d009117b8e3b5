import { readdirSync } from 'node:fs';
import path from 'node:path';
import { DefaultDeserializer, DefaultSerializer, serialize } from 'node:v8';
import { BoundedMemo } from '../boundedMemo';
import { contentHash, DISK_CACHE_DIR, readCached, writeCached } from '../diskCache';
import { GramIndex, StemPhrasings, TypoCandidates } from './candidateIndex';
import { IntentClassifier } from './intentClassifier';
import { Matcher } from './matcher';

/**
 * Built matchers kept between starts: building the FAQ's three matchers (reading every phrasing, stemming,
 * the n-gram index, the classifier's features) was half of a start's CPU. A matcher is kept as its fields
 * (V8's serializer: maps, sets, arrays, plain objects; its typed arrays in one block, read back without a copy)
 * under a hash of everything it is built from — its intents and options, the code that builds it (this folder
 * and the language modules), the locked dependencies and Node — so that changed content or code is a new key,
 * never a stale index.
 */
const MATCHER_CACHE_DIR = path.join(DISK_CACHE_DIR, 'matcher');
/** FAQ and interpreter matchers of three languages, with room for a few content versions. */
const MATCHER_CACHE_MAX = 40;
/**
 * Larger matchers are not kept: a synthetic FAQ of thousands of entries holds hundreds of megabytes, more to
 * write and read than to build (the shipped FAQ has about 1,500 phrasings per language).
 */
const MAX_KEPT_PHRASINGS = 50_000;
/** Bumped when the way a matcher is kept changes. */
const FORMAT = 1;

/**
 * The classes a matcher is made of, revived with their prototype. An instance of one may only be a field of
 * another (that is all revive looks at); anything else that is not plain data keeps the matcher from being kept.
 */
const CLASSES = { Matcher, GramIndex, StemPhrasings, TypoCandidates, IntentClassifier, BoundedMemo } as const;
type ClassName = keyof typeof CLASSES;
const CLASS_NAMES = new Map<unknown, ClassName>(
  Object.entries(CLASSES).map(([name, type]) => [type.prototype, name as ClassName]),
);
const TAG = '\u0000class';

interface Tagged {
  [TAG]: ClassName;
  fields: Record<string, unknown>;
}

/** Throws unless a value is plain data: no function, no instance of a class (V8 would keep it as a plain object). */
function checkPlain(value: unknown): void {
  if (typeof value === 'function' || typeof value === 'symbol') throw new TypeError(`cannot keep a ${typeof value}`);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
  if (Array.isArray(value) || value instanceof Set) for (const v of value) checkPlain(v);
  else if (value instanceof Map) for (const [k, v] of value) [k, v].forEach(checkPlain);
  else if (Object.getPrototypeOf(value) === Object.prototype) Object.values(value).forEach(checkPlain);
  else throw new TypeError('cannot keep an instance of a class outside the matcher');
}

/** An instance of CLASSES as a tagged plain object, its fields that are such instances too. */
function tag(instance: object): Tagged {
  const name = CLASS_NAMES.get(Object.getPrototypeOf(instance));
  if (name === undefined) throw new TypeError('cannot keep an instance of a class outside the matcher');
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(instance)) {
    const nested = value !== null && typeof value === 'object' && CLASS_NAMES.has(Object.getPrototypeOf(value));
    if (nested) fields[key] = tag(value as object);
    else {
      checkPlain(value);
      fields[key] = value;
    }
  }
  return { [TAG]: name, fields };
}

function revive(tagged: Tagged): object {
  const instance = Object.create(CLASSES[tagged[TAG]].prototype as object) as Record<string, unknown>;
  for (const [key, value] of Object.entries(tagged.fields)) {
    const nested = value !== null && typeof value === 'object' && TAG in value;
    instance[key] = nested ? revive(value as Tagged) : value;
  }
  return instance;
}

/** Typed arrays are written apart, each at an offset that suits its element size: read back as views, not copies. */
const VIEW_TYPES = [Int32Array, Float64Array, Uint16Array, Uint8Array] as const;
const ALIGNMENT = 8;

/** V8's serializer for Node's values, which hands typed arrays to _writeHostObject. */
class BlockSerializer extends DefaultSerializer {
  readonly views: ArrayBufferView[] = [];

  _writeHostObject(view: ArrayBufferView): void {
    const type = VIEW_TYPES.findIndex((t) => view instanceof t);
    if (type < 0) throw new TypeError('cannot keep this kind of typed array');
    this.writeUint32(type);
    this.writeUint32(this.views.push(view) - 1);
  }
}

class BlockDeserializer extends DefaultDeserializer {
  constructor(
    graph: Buffer,
    private readonly bytes: ArrayBufferLike,
    private readonly blockStart: number,
    private readonly layout: Float64Array,
  ) {
    super(graph);
  }

  _readHostObject(): ArrayBufferView {
    const Type = VIEW_TYPES[this.readUint32()];
    const index = this.readUint32();
    const [offset, length] = [this.layout[2 * index], this.layout[2 * index + 1]];
    return new Type(this.bytes as ArrayBuffer, this.blockStart + offset, length / Type.BYTES_PER_ELEMENT);
  }
}

/** [layout length, block length, graph length] as doubles, the layout (offset, length per view), the block, the graph. */
function write(matcher: Matcher): Buffer {
  const serializer = new BlockSerializer();
  serializer.writeHeader();
  serializer.writeValue(tag(matcher));
  const graph = serializer.releaseBuffer();
  const layout = new Float64Array(2 * serializer.views.length);
  let size = 0;
  serializer.views.forEach((view, k) => {
    layout[2 * k] = size;
    layout[2 * k + 1] = view.byteLength;
    size += Math.ceil(view.byteLength / ALIGNMENT) * ALIGNMENT;
  });
  const block = new Uint8Array(size);
  serializer.views.forEach((view, k) =>
    block.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), layout[2 * k]),
  );
  const head = Float64Array.of(layout.length, size, graph.length);
  return Buffer.concat([head, layout, block].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).concat(graph));
}

function read(file: Buffer): Matcher | undefined {
  // The views need an aligned start; a large file's buffer is its own, so this copy is the exception.
  const bytes = file.byteOffset % ALIGNMENT === 0 ? file : Buffer.from(file);
  const [layoutLength, size, graphLength] = new Float64Array(bytes.buffer, bytes.byteOffset, 3);
  const layoutStart = bytes.byteOffset + 3 * ALIGNMENT;
  const blockStart = layoutStart + layoutLength * ALIGNMENT;
  const graphStart = blockStart + size;
  if (graphStart + graphLength !== bytes.byteOffset + bytes.length) return undefined;
  const layout = new Float64Array(bytes.buffer, layoutStart, layoutLength);
  const graph = Buffer.from(bytes.buffer, graphStart, graphLength);
  const deserializer = new BlockDeserializer(graph, bytes.buffer, blockStart, layout);
  deserializer.readHeader();
  const matcher = revive(deserializer.readValue() as Tagged);
  return matcher instanceof Matcher ? matcher : undefined;
}

let codeHash: string | undefined;

/** A hash of the code that builds matchers (as run: compiled or source), the locked dependencies and Node. */
function codeVersion(): string {
  if (codeHash !== undefined) return codeHash;
  const dirs = [__dirname, path.join(__dirname, '..', 'languages')];
  const files = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => /\.[jt]s$/.test(name))
      .sort()
      .map((name) => path.join(dir, name)),
  );
  files.push(path.join(__dirname, '..', '..', 'package-lock.json'));
  const contents = files.map((file) => readCached(file) ?? Buffer.from(`missing ${file}`));
  codeHash = contentHash(Buffer.concat([Buffer.from(`${FORMAT} ${process.version}\n`), ...contents]));
  return codeHash;
}

/** The cache file of the matcher built from these arguments by this code. */
export function matcherCacheFile(...args: ConstructorParameters<typeof Matcher>): string {
  return path.join(MATCHER_CACHE_DIR, contentHash(serialize([codeVersion(), ...args])));
}

/**
 * `new Matcher(...args)`, or the same matcher as an earlier start built from the same arguments and code,
 * read from the disk cache. A missing, unreadable or foreign cache file only costs building it.
 */
export function cachedMatcher(...args: ConstructorParameters<typeof Matcher>): Matcher {
  if (args[0].reduce((sum, intent) => sum + intent.phrasings.length, 0) > MAX_KEPT_PHRASINGS) return new Matcher(...args);
  const file = matcherCacheFile(...args);
  const kept = readCached(file);
  if (kept) {
    try {
      const matcher = read(kept);
      if (matcher) return matcher;
    } catch {
      // Built again below, and the file replaced.
    }
  }
  const matcher = new Matcher(...args);
  let packed: Buffer;
  try {
    packed = write(matcher);
  } catch {
    return matcher;
  }
  // Written while the bot goes on answering: a reload's matchers serve before their file is on disk.
  void writeCached(file, packed, MATCHER_CACHE_MAX);
  return matcher;
}
