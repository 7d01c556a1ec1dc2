// Lets a plain `node` child process run the TypeScript sources directly (tests only): `node --import THIS child.ts`.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire, register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) register(import.meta.url);

/** `./x.js` written in sources means `./x.ts` on disk. */
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (/^\.{1,2}\//.test(specifier) && specifier.endsWith('.js')) {
      return next(`${specifier.slice(0, -3)}.ts`, context);
    }
    throw error;
  }
}

const OPTIONS = { module: 'ESNext', target: 'ES2022', verbatimModuleSyntax: true, sourceMap: false };
// Loading TypeScript and transpiling the child's whole import graph costs seconds of CPU per child, and the
// restart tests start several: keep each file's output under the hash of its text, the compiler's version
// and these options, so only a changed file is transpiled again.
const VERSION = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('typescript/package.json')),
).version;
const CACHE = join(tmpdir(), 'paperboy-ts-hooks');

async function transpile(path, source) {
  const { default: ts } = await import('typescript');
  return ts.transpileModule(source, {
    fileName: path,
    compilerOptions: {
      ...OPTIONS,
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
    },
  }).outputText;
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  const key = createHash('sha256')
    .update(`${VERSION}\0${JSON.stringify(OPTIONS)}\0${path}\0${source}`)
    .digest('hex');
  const cached = join(CACHE, `${key}.js`);
  let output;
  try {
    output = readFileSync(cached, 'utf8');
  } catch {
    output = await transpile(path, source);
    try {
      mkdirSync(CACHE, { recursive: true });
      // Written aside and renamed: a child running at the same time never reads half a file.
      const partial = `${cached}.${process.pid}.tmp`;
      writeFileSync(partial, output);
      renameSync(partial, cached);
    } catch {
      // no cache this time
    }
  }
  return { format: 'module', source: output, shortCircuit: true };
}
