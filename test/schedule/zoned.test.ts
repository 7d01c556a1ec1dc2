import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextSlot, slotInstant, slotsBetween } from '../../src/schedule/slots.js';
import { instantOf, isValidTimeZone, wallMs, wallTimeAt } from '../../src/schedule/zoned.js';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

describe('local time to instant', () => {
  it('puts 09:00 Berlin at 09:00 local on both change days and the days around them', () => {
    expect(iso(slotInstant('2025-03-29', '09:00', 'Europe/Berlin'))).toBe('2025-03-29T08:00');
    expect(iso(slotInstant('2025-03-30', '09:00', 'Europe/Berlin'))).toBe('2025-03-30T07:00');
    expect(iso(slotInstant('2025-10-25', '09:00', 'Europe/Berlin'))).toBe('2025-10-25T07:00');
    expect(iso(slotInstant('2025-10-26', '09:00', 'Europe/Berlin'))).toBe('2025-10-26T08:00');
  });

  it('puts 09:00 New York at 09:00 local on both change days', () => {
    expect(iso(slotInstant('2025-03-08', '09:00', 'America/New_York'))).toBe('2025-03-08T14:00');
    expect(iso(slotInstant('2025-03-09', '09:00', 'America/New_York'))).toBe('2025-03-09T13:00');
    expect(iso(slotInstant('2025-11-01', '09:00', 'America/New_York'))).toBe('2025-11-01T13:00');
    expect(iso(slotInstant('2025-11-02', '09:00', 'America/New_York'))).toBe('2025-11-02T14:00');
  });

  it('moves a time skipped by spring-forward to the next valid minute', () => {
    // Berlin 02:00 CET → 03:00 CEST at 01:00Z; New York 02:00 EST → 03:00 EDT at 07:00Z.
    expect(iso(slotInstant('2025-03-30', '02:30', 'Europe/Berlin'))).toBe('2025-03-30T01:00');
    expect(iso(slotInstant('2025-03-30', '02:00', 'Europe/Berlin'))).toBe('2025-03-30T01:00');
    expect(iso(slotInstant('2025-03-30', '02:59', 'Europe/Berlin'))).toBe('2025-03-30T01:00');
    expect(iso(slotInstant('2025-03-30', '03:00', 'Europe/Berlin'))).toBe('2025-03-30T01:00');
    expect(iso(slotInstant('2025-03-09', '02:30', 'America/New_York'))).toBe('2025-03-09T07:00');
    // Lord Howe Island moves by half an hour: 02:00 → 02:30.
    expect(iso(slotInstant('2025-10-05', '02:15', 'Australia/Lord_Howe'))).toBe('2025-10-04T15:30');
  });

  it('takes the first of the two readings of a repeated time on fall-back', () => {
    // Berlin 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(iso(slotInstant('2025-10-26', '02:30', 'Europe/Berlin'))).toBe('2025-10-26T00:30');
    // New York 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(iso(slotInstant('2025-11-02', '01:30', 'America/New_York'))).toBe('2025-11-02T05:30');
  });

  it('maps every local time to the first instant reading that time or later (any zone, any day)', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Kolkata',
      'Pacific/Chatham',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2024-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, day, hour, minute) => {
          const wall = {
            year: day.getUTCFullYear(),
            month: day.getUTCMonth() + 1,
            day: day.getUTCDate(),
            hour,
            minute,
          };
          const target = wallMs(wall);
          const at = instantOf(wall, zone);
          const reads = (ms: number) => wallMs(wallTimeAt(ms, zone));
          expect(reads(at)).toBeGreaterThanOrEqual(target);
          if (reads(at) === target) {
            // The first reading: no earlier instant within three hours reads the same.
            for (let back = 15; back <= 180; back += 15) expect(reads(at - back * 60_000)).not.toBe(target);
          } else {
            // A skipped time: the minute before still reads earlier than the target.
            expect(reads(at - 60_000)).toBeLessThan(target);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('knows real zones from made-up ones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Base')).toBe(false);
  });
});

describe('slots', () => {
  const weekdays = {
    time: '09:00',
    timezone: 'Europe/Berlin',
    days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
  };

  it('lists only the chosen days', () => {
    // Fri 2025-05-09 to Tue 2025-05-13.
    const slots = slotsBetween(
      { ...weekdays, days: [...weekdays.days] },
      Date.parse('2025-05-09T00:00Z'),
      Date.parse('2025-05-13T23:00Z'),
    );
    expect(slots.map((s) => s.slot)).toEqual(['2025-05-09', '2025-05-12', '2025-05-13']);
  });

  it('finds the next slot after an instant', () => {
    const next = nextSlot({ ...weekdays, days: [...weekdays.days] }, Date.parse('2025-05-09T08:00Z'));
    expect(next?.slot).toBe('2025-05-12');
    expect(iso(next?.at ?? 0)).toBe('2025-05-12T07:00');
  });
});
