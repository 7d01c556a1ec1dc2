// Waits for work that arrives over real I/O (a socket, an HTTP request) and finishes after its acknowledgement.

/** Checks `done` every 10 ms until it holds; fails after `attempts` checks, naming `what` was awaited. */
export async function until(
  done: () => Promise<boolean>,
  what = 'the awaited work',
  attempts = 200,
): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${what} did not happen in time`);
}
