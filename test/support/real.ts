// Reads the recorded payloads of the real services under test/fixtures/real/ (sources in its README.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REAL_DIR = resolve(import.meta.dirname, '../fixtures/real');

export function real(path: string): string {
  return readFileSync(resolve(REAL_DIR, path), 'utf8');
}
