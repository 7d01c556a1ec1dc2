// The migration runner's choice of what to run: in order, once each, across gaps in the numbering.
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, type Migration, pendingMigrations } from '../../src/store/migrations.js';

const m = (version: number): Migration => ({ version, name: `m${version}`, sqlite: '', postgres: '' });

describe('pendingMigrations', () => {
  it('runs every migration of a fresh database in ascending order, gaps and all', () => {
    const versions = pendingMigrations([]).map((x) => x.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions).toContain(7);
    expect(versions.at(-1)).toBe(LATEST_VERSION);
    expect(MIGRATIONS.filter((x) => x.version === 7)).toHaveLength(1);
  });

  it('accepts a gap: 7 without 5 and 6 runs, and 5 and 6 run later when a build brings them', () => {
    const gap = [m(1), m(2), m(3), m(4), m(7)];
    expect(pendingMigrations([1, 2, 3, 4], gap).map((x) => x.version)).toEqual([7]);
    expect(pendingMigrations([1, 2, 3, 4, 7], gap)).toEqual([]);
    const full = [m(1), m(2), m(3), m(4), m(5), m(6), m(7)];
    expect(pendingMigrations([1, 2, 3, 4, 7], full).map((x) => x.version)).toEqual([5, 6]);
  });

  it('refuses a database a newer build migrated', () => {
    expect(() => pendingMigrations([1, 2, 3, 4, 8], [m(1), m(2), m(3), m(4), m(7)])).toThrow(
      /schema is at version 8, newer than this Paperboy understands \(7\)/,
    );
  });
});
