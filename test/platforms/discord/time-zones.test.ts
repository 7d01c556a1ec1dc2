import { describe, expect, it } from 'vitest';
import { suggestTimeZones } from '../../../src/platforms/discord/time-zones.js';

describe('time-zone suggestions', () => {
  it('finds zones by city, with spaces for underscores', () => {
    expect(suggestTimeZones('new york')).toEqual(['America/New_York']);
    expect(suggestTimeZones('Berlin')).toEqual(['Europe/Berlin']);
  });

  it('lists a region’s zones, at most 25', () => {
    const europe = suggestTimeZones('Europe/');
    expect(europe).toHaveLength(25);
    expect(europe.every((z) => z.startsWith('Europe/'))).toBe(true);
  });

  it('offers common zones before anything is typed', () => {
    expect(suggestTimeZones('')).toContain('UTC');
    expect(suggestTimeZones('')).toContain('Europe/Berlin');
  });
});
