// Saving and loading a built index: one file of typed-array sections behind a small JSON header, so a saved
// index is ready in a fraction of the build time (arrays are used in place; papers are parsed on demand).
import { closeSync, fstatSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { type AcronymData, AcronymTable } from './acronyms.js';
import { U32List } from './arrays.js';
import { Engine } from './engine.js';
import { InvertedIndex, type Segment } from './inverted.js';
import { type RankingParams, withParams } from './params.js';
import { DocFacts, PackedStore, packPapers } from './store.js';
import { Analyzer } from './text.js';

const MAGIC = 'PAPERBOY-SEARCH1';
const VERSION = 1;

type Kind = 'u8' | 'u16' | 'u32' | 'i32' | 'f64';
const CTORS = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f64: Float64Array,
} as const;

interface Header {
  version: number;
  params: RankingParams;
  docCount: number;
  segments: number;
  acronyms: AcronymData;
  categories: string[];
  sections: Record<string, [offset: number, length: number, kind: Kind]>;
}

const encoder = new TextEncoder();

/** Writes the engine's index and papers to `path` (atomically: a temp file renamed into place). */
export function saveSearchIndex(engine: Engine, path: string): { bytes: number } {
  const idx = engine.index;
  const state = idx.state();
  const sections: [string, Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array, Kind][] = [];
  const text = (name: string, lines: string[]) =>
    sections.push([name, encoder.encode(lines.join('\n')), 'u8']);
  text('terms', state.terms);
  text('surfaces', state.surfaces);
  sections.push(['surfaceTerm', state.surfaceTerm, 'i32']);
  sections.push(['surfaceDf', state.surfaceDf, 'u32']);
  sections.push(['sortedOrder', state.sortedOrder, 'u32']);
  sections.push(['lens', state.lens, 'u16']);
  sections.push(['deleted', state.deleted, 'u8']);
  const n = state.docCount;
  sections.push(['dates', engine.facts.dates.subarray(0, n), 'u32']);
  sections.push(['flags', engine.facts.flags.subarray(0, n), 'u8']);
  sections.push(['ranks', engine.facts.ranks.subarray(0, n), 'u32']);
  const categories = [...engine.facts.categories.keys()];
  const catOffsets = new Uint32Array(categories.length + 1);
  let catTotal = 0;
  categories.forEach((c, i) => {
    catOffsets[i] = catTotal;
    catTotal += engine.facts.categories.get(c)!.length;
  });
  catOffsets[categories.length] = catTotal;
  const catDocs = new Uint32Array(catTotal);
  categories.forEach((c, i) => {
    catDocs.set(engine.facts.categories.get(c)!.view(), catOffsets[i]!);
  });
  sections.push(['catOffsets', catOffsets, 'u32']);
  sections.push(['catDocs', catDocs, 'u32']);
  state.segments.forEach((s, i) => {
    sections.push([`seg${i}.offsets`, s.offsets, 'u32']);
    sections.push([`seg${i}.docs`, s.docs, 'u32']);
    sections.push([`seg${i}.tfs`, s.tfs, 'u16']);
  });
  const ids: string[] = [];
  const arxivIds: string[] = [];
  for (let d = 0; d < n; d++) {
    const p = state.deleted[d] === 1 ? undefined : engine.store.get(d);
    ids.push(p?.id ?? '');
    arxivIds.push(p?.arxivId ?? '');
  }
  text('ids', ids);
  text('arxivIds', arxivIds);
  const packed = packPapers(n, (d) => (state.deleted[d] === 1 ? undefined : engine.store.get(d)));
  sections.push(['paperOffsets', packed.offsets, 'f64']);
  sections.push(['papers', packed.bytes, 'u8']);

  const header: Header = {
    version: VERSION,
    params: engine.params,
    docCount: n,
    segments: state.segments.length,
    acronyms: engine.acronyms.toJSON(),
    categories,
    sections: {},
  };
  let offset = 0;
  for (const [name, array, kind] of sections) {
    header.sections[name] = [offset, array.length, kind];
    offset = align8(offset + array.byteLength);
  }
  const headerBytes = encoder.encode(JSON.stringify(header));
  const prefix = new Uint8Array(align8(MAGIC.length + 4 + headerBytes.length));
  prefix.set(encoder.encode(MAGIC), 0);
  new DataView(prefix.buffer).setUint32(MAGIC.length, headerBytes.length, true);
  prefix.set(headerBytes, MAGIC.length + 4);

  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let written = 0;
  try {
    written += writeAll(fd, prefix);
    const zeros = new Uint8Array(8);
    for (const [, array] of sections) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      written += writeAll(fd, bytes);
      const pad = align8(bytes.length) - bytes.length;
      if (pad > 0) written += writeAll(fd, zeros.subarray(0, pad));
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return { bytes: written };
}

function writeAll(fd: number, bytes: Uint8Array): number {
  const step = 1 << 28;
  for (let at = 0; at < bytes.length; at += step) {
    const chunk = bytes.subarray(at, Math.min(bytes.length, at + step));
    let done = 0;
    while (done < chunk.length) done += writeSync(fd, chunk, done);
  }
  return bytes.length;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

export type LoadResult = { ok: true; engine: Engine } | { ok: false; message: string };

/** Reads a saved index. A missing, truncated or foreign file is an error value naming the file. */
export function loadSearchIndex(path: string): LoadResult {
  let buffer: Uint8Array;
  try {
    buffer = readWhole(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    return { ok: false, message: `cannot read search index ${path}: ${why}` };
  }
  const damaged = `search index ${path} is damaged or was written by another version: rebuild it`;
  try {
    const magic = new TextDecoder().decode(buffer.subarray(0, MAGIC.length));
    if (magic !== MAGIC) return { ok: false, message: damaged };
    const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const headerLength = view.getUint32(MAGIC.length, true);
    const header = JSON.parse(
      new TextDecoder().decode(buffer.subarray(MAGIC.length + 4, MAGIC.length + 4 + headerLength)),
    ) as Header;
    if (header.version !== VERSION) return { ok: false, message: damaged };
    const base = align8(MAGIC.length + 4 + headerLength);
    const section = <K extends Kind>(name: string, kind: K): InstanceType<(typeof CTORS)[K]> => {
      const entry = header.sections[name];
      if (!entry || entry[2] !== kind) throw new Error(`missing section ${name}`);
      const [offset, length] = entry;
      const ctor = CTORS[kind];
      const start = buffer.byteOffset + base + offset;
      if (base + offset + length * ctor.BYTES_PER_ELEMENT > buffer.byteLength) throw new Error('truncated');
      return new ctor(buffer.buffer as ArrayBuffer, start, length) as InstanceType<(typeof CTORS)[K]>;
    };
    const lines = (name: string): string[] => {
      const bytes = section(name, 'u8');
      return bytes.length === 0 ? [] : new TextDecoder().decode(bytes).split('\n');
    };
    const segments: Segment[] = [];
    for (let i = 0; i < header.segments; i++) {
      segments.push({
        offsets: section(`seg${i}.offsets`, 'u32'),
        docs: section(`seg${i}.docs`, 'u32'),
        tfs: section(`seg${i}.tfs`, 'u16'),
      });
    }
    const analyzer = new Analyzer();
    const index = new InvertedIndex(analyzer);
    const n = header.docCount;
    index.restore({
      terms: lines('terms'),
      surfaces: lines('surfaces'),
      surfaceTerm: section('surfaceTerm', 'i32').slice(),
      surfaceDf: section('surfaceDf', 'u32').slice(),
      sortedOrder: section('sortedOrder', 'u32'),
      segments,
      docCount: n,
      lens: section('lens', 'u16').slice(),
      deleted: section('deleted', 'u8').slice(),
    });
    const facts = new DocFacts();
    facts.dates = section('dates', 'u32').slice();
    facts.flags = section('flags', 'u8').slice();
    facts.ranks = section('ranks', 'u32').slice();
    const ids = lines('ids');
    const arxivIds = lines('arxivIds');
    for (let d = 0; d < n; d++) {
      const id = ids[d];
      if (id) facts.ids.set(id.toLowerCase(), d);
      const ax = arxivIds[d];
      if (ax) facts.ids.set(ax.toLowerCase(), d);
    }
    const catOffsets = section('catOffsets', 'u32');
    const catDocs = section('catDocs', 'u32');
    header.categories.forEach((name, i) => {
      const list = new U32List(1);
      list.data = catDocs.slice(catOffsets[i]!, catOffsets[i + 1]!);
      list.length = list.data.length;
      facts.categories.set(name, list);
    });
    const store = new PackedStore(section('papers', 'u8'), section('paperOffsets', 'f64'));
    const engine = new Engine(
      index,
      store,
      facts,
      AcronymTable.fromJSON(header.acronyms),
      withParams(header.params),
      analyzer,
    );
    return { ok: true, engine };
  } catch {
    return { ok: false, message: damaged };
  }
}

/** Reads a file of any size (readFileSync stops at 2 GB) into an 8-byte-aligned buffer. */
function readWhole(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const out = new Uint8Array(new ArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const n = readSync(fd, out, at, Math.min(1 << 28, size - at), at);
      if (n === 0) break;
      at += n;
    }
    return out.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}
