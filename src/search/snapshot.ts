// Saving and loading a built index: typed-array sections behind a small JSON header, then the papers as
// JSON lines. Loading reads the sections and uses them in place; the papers stay in the file and are read
// one by one when a result shows them, so a saved index is ready in a fraction of the build time.
//
// Layout: MAGIC | u32 header length | header JSON | sections (8-byte aligned) | papers | paper offsets
// (f64, one per doc + 1) | trailer (f64 start of the paper offsets, f64 doc count).
import { closeSync, fstatSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { type AcronymData, AcronymTable } from './acronyms.js';
import { U32List } from './arrays.js';
import { Engine } from './engine.js';
import { InvertedIndex, type Segment } from './inverted.js';
import { DocFacts, FilePaperTable } from './paper-table.js';
import { type RankingParams, withParams } from './params.js';
import { Analyzer } from './text.js';

const MAGIC = 'PAPERBOY-SEARCH2';
const VERSION = 2;
const TRAILER = 16;

type Kind = 'u8' | 'u16' | 'u32' | 'i32' | 'f64';
const CTORS = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f64: Float64Array,
} as const;
type AnyArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

interface Header {
  version: number;
  params: RankingParams;
  docCount: number;
  segments: number;
  acronyms: AcronymData;
  categories: string[];
  sections: Record<string, [offset: number, length: number, kind: Kind]>;
  /** Where the papers start, relative to the first section. */
  papers: number;
}

const encoder = new TextEncoder();

/** Writes the engine's index and papers to `path` (atomically: a temp file renamed into place). */
export function saveSearchIndex(engine: Engine, path: string): { bytes: number } {
  const state = engine.index.state();
  const n = state.docCount;
  const sections: [string, AnyArray, Kind][] = [];
  const text = (name: string, lines: string[]) =>
    sections.push([name, encoder.encode(lines.join('\n')), 'u8']);
  text('terms', state.terms);
  text('surfaces', state.surfaces);
  sections.push(['surfaceTerm', state.surfaceTerm, 'i32']);
  sections.push(['surfaceDf', state.surfaceDf, 'u32']);
  sections.push(['sortedOrder', state.sortedOrder, 'u32']);
  sections.push(['termSlots', state.termSlots, 'i32']);
  sections.push(['termSlotOf', state.termSlotOf, 'i32']);
  sections.push(['surfaceSlots', state.surfaceSlots, 'i32']);
  sections.push(['surfaceSlotOf', state.surfaceSlotOf, 'i32']);
  sections.push(['lens', state.lens, 'u16']);
  sections.push(['deleted', state.deleted, 'u8']);
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
  const paperAt = (d: number) => (state.deleted[d] === 1 ? undefined : engine.paperTable.get(d));
  const ids: string[] = [];
  const arxivIds: string[] = [];
  for (let d = 0; d < n; d++) {
    const p = paperAt(d);
    ids.push(p?.id ?? '');
    arxivIds.push(p?.arxivId ?? '');
  }
  text('ids', ids);
  text('arxivIds', arxivIds);

  const header: Header = {
    version: VERSION,
    params: engine.params,
    docCount: n,
    segments: state.segments.length,
    acronyms: engine.acronyms.toJSON(),
    categories,
    sections: {},
    papers: 0,
  };
  let offset = 0;
  for (const [name, array, kind] of sections) {
    header.sections[name] = [offset, array.length, kind];
    offset = align8(offset + array.byteLength);
  }
  header.papers = offset;
  const headerBytes = encoder.encode(JSON.stringify(header));
  const prefix = new Uint8Array(align8(MAGIC.length + 4 + headerBytes.length));
  prefix.set(encoder.encode(MAGIC), 0);
  new DataView(prefix.buffer).setUint32(MAGIC.length, headerBytes.length, true);
  prefix.set(headerBytes, MAGIC.length + 4);

  const tmp = `${path}.tmp-${process.pid}`;
  const out = new Writer(openSync(tmp, 'w'));
  try {
    out.write(prefix);
    for (const [, array] of sections) {
      out.write(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      out.pad();
    }
    // Papers, streamed: a million of them never need to be in one buffer.
    const paperOffsets = new Float64Array(n + 1);
    const papersStart = out.written;
    for (let d = 0; d < n; d++) {
      paperOffsets[d] = out.written - papersStart;
      const p = paperAt(d);
      if (p) out.write(encoder.encode(JSON.stringify(p)));
    }
    paperOffsets[n] = out.written - papersStart;
    out.pad();
    const offsetsAt = out.written;
    out.write(new Uint8Array(paperOffsets.buffer));
    out.write(new Uint8Array(new Float64Array([offsetsAt, n]).buffer));
    out.flush();
  } finally {
    out.close();
  }
  renameSync(tmp, path);
  return { bytes: out.written };
}

/** Buffered sequential writes to a file descriptor. */
class Writer {
  written = 0;
  private buffer = new Uint8Array(1 << 20);
  private used = 0;
  constructor(private readonly fd: number) {}

  write(bytes: Uint8Array): void {
    if (bytes.length > this.buffer.length - this.used) this.flush();
    if (bytes.length >= this.buffer.length) {
      for (let at = 0; at < bytes.length; )
        at += writeSync(this.fd, bytes, at, Math.min(1 << 28, bytes.length - at));
    } else {
      this.buffer.set(bytes, this.used);
      this.used += bytes.length;
    }
    this.written += bytes.length;
  }

  pad(): void {
    const pad = align8(this.written) - this.written;
    if (pad > 0) this.write(new Uint8Array(pad));
  }

  flush(): void {
    for (let at = 0; at < this.used; ) at += writeSync(this.fd, this.buffer, at, this.used - at);
    this.used = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

export type LoadResult = { ok: true; engine: Engine } | { ok: false; message: string };

/** Reads a saved index. A missing, truncated or foreign file is an error value naming the file. */
export function loadSearchIndex(path: string): LoadResult {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    return { ok: false, message: `cannot read search index ${path}: ${why}` };
  }
  const damaged = `search index ${path} is damaged or was written by another version: rebuild it`;
  try {
    const engine = open(fd);
    if (engine) return { ok: true, engine };
  } catch {
    // Reported below.
  }
  closeSync(fd);
  return { ok: false, message: damaged };
}

function open(fd: number): Engine | undefined {
  const size = fstatSync(fd).size;
  const start = readAt(fd, 0, MAGIC.length + 4);
  if (new TextDecoder().decode(start.subarray(0, MAGIC.length)) !== MAGIC) return undefined;
  const headerLength = new DataView(start.buffer, start.byteOffset).getUint32(MAGIC.length, true);
  const header = JSON.parse(new TextDecoder().decode(readAt(fd, MAGIC.length + 4, headerLength))) as Header;
  if (header.version !== VERSION) return undefined;
  const base = align8(MAGIC.length + 4 + headerLength);
  const n = header.docCount;
  if (base + header.papers + TRAILER > size) return undefined;
  const trailer = new Float64Array(readAt(fd, size - TRAILER, TRAILER).buffer);
  const offsetsAt = trailer[0]!;
  if (trailer[1] !== n || offsetsAt + (n + 1) * 8 + TRAILER !== size) return undefined;
  const paperOffsets = new Float64Array(readAt(fd, offsetsAt, (n + 1) * 8).buffer);
  // One read for every section: they are used in place, as views of this buffer.
  const buffer = readAt(fd, base, header.papers);

  const section = <K extends Kind>(name: string, kind: K): InstanceType<(typeof CTORS)[K]> => {
    const entry = header.sections[name];
    if (!entry || entry[2] !== kind) throw new Error(`missing section ${name}`);
    const [offset, length] = entry;
    const ctor = CTORS[kind];
    if (offset + length * ctor.BYTES_PER_ELEMENT > buffer.byteLength) throw new Error('truncated');
    return new ctor(buffer.buffer as ArrayBuffer, buffer.byteOffset + offset, length) as InstanceType<
      (typeof CTORS)[K]
    >;
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
  index.restore({
    terms: lines('terms'),
    surfaces: lines('surfaces'),
    surfaceTerm: section('surfaceTerm', 'i32').slice(),
    surfaceDf: section('surfaceDf', 'u32').slice(),
    sortedOrder: section('sortedOrder', 'u32'),
    termSlots: section('termSlots', 'i32'),
    termSlotOf: section('termSlotOf', 'i32').slice(),
    surfaceSlots: section('surfaceSlots', 'i32'),
    surfaceSlotOf: section('surfaceSlotOf', 'i32').slice(),
    segments,
    docCount: n,
    lens: section('lens', 'u16').slice(),
    deleted: section('deleted', 'u8').slice(),
  });
  const facts = new DocFacts();
  facts.dates = section('dates', 'u32').slice();
  facts.flags = section('flags', 'u8').slice();
  facts.ranks = section('ranks', 'u32').slice();
  const ids = section('ids', 'u8');
  const arxivIds = section('arxivIds', 'u8');
  // The id lookup is built at the first lookup: a loaded index answers searches without it.
  facts.deferIds(() => {
    const decode = (bytes: Uint8Array) =>
      bytes.length === 0 ? [] : new TextDecoder().decode(bytes).split('\n');
    const idList = decode(ids);
    const arxivList = decode(arxivIds);
    const map = new Map<string, number>();
    for (let d = 0; d < n; d++) {
      const id = idList[d];
      if (id) map.set(id.toLowerCase(), d);
      const ax = arxivList[d];
      if (ax) map.set(ax.toLowerCase(), d);
    }
    return map;
  });
  const catOffsets = section('catOffsets', 'u32');
  const catDocs = section('catDocs', 'u32');
  header.categories.forEach((name, i) => {
    const list = new U32List(1);
    list.data = catDocs.slice(catOffsets[i]!, catOffsets[i + 1]!);
    list.length = list.data.length;
    facts.categories.set(name, list);
  });
  const paperTable = new FilePaperTable(fd, base + header.papers, paperOffsets);
  return new Engine(
    index,
    paperTable,
    facts,
    AcronymTable.fromJSON(header.acronyms),
    withParams(header.params),
    analyzer,
  );
}

/** Reads `length` bytes at `position` into a fresh, 8-byte-aligned buffer (any size; readFileSync stops at 2 GB). */
function readAt(fd: number, position: number, length: number): Uint8Array {
  const out = new Uint8Array(new ArrayBuffer(length));
  let at = 0;
  while (at < length) {
    const n = readSync(fd, out, at, Math.min(1 << 28, length - at), position + at);
    if (n === 0) throw new Error('truncated');
    at += n;
  }
  return out;
}
