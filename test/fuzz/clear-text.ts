// What "a clear message" means for fuzzed refusals: a short sentence, no stack, no leaked internals.
import { expect } from 'vitest';

/** `input` is what the user typed: a refusal may quote it, so it is left out of the leak check. */
export function expectClearText(text: string, input = '') {
  expect(typeof text).toBe('string');
  expect(text.trim().length).toBeGreaterThan(3);
  expect(text.length).toBeLessThan(600);
  const own = input ? text.split(input).join(' ') : text;
  expect(own).not.toMatch(/\n\s+at |\[object Object\]|\bundefined\b|\bNaN\b|TypeError|ReferenceError/);
}
