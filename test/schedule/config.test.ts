import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';

describe('digest configuration', () => {
  it('gives a missed digest six hours of grace unless told otherwise', () => {
    expect(readConfig({}).digestGraceHours).toBe(6);
    expect(readConfig({ DIGEST_GRACE_HOURS: '1.5' }).digestGraceHours).toBe(1.5);
  });

  it('names DIGEST_GRACE_HOURS when it is not a sensible number of hours', () => {
    expect(() => readConfig({ DIGEST_GRACE_HOURS: 'soon' })).toThrow(
      /DIGEST_GRACE_HOURS: must be a number of hours/,
    );
    expect(() => readConfig({ DIGEST_GRACE_HOURS: '100' })).toThrow(/at most 48/);
  });
});
