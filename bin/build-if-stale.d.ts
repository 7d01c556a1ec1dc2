// Types of build-if-stale.js, for the tests that import it.
export function isStale(root?: string): boolean;
export function buildIfStale(stderr?: NodeJS.WritableStream): boolean;
