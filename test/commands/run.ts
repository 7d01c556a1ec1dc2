// Runs a /papers line through the real parser and dispatcher against a fake world.
import { papersCommands } from '../../commands/index.js';
import { runLine } from '../../src/app/line/run.js';
import type { CommandContext } from '../../src/app/types.js';
import type { View } from '../../src/views/types.js';
import { admin, type FakeWorld } from '../app/fakes.js';

export async function run(world: FakeWorld, line: string, ctx: CommandContext = admin()): Promise<View> {
  return (await runLine(line, ctx, world.services, papersCommands)).view;
}

/** Narrows a view for assertions, failing loudly with the view when the kind is wrong. */
export function as<K extends View['kind']>(view: View, kind: K): Extract<View, { kind: K }> {
  if (view.kind !== kind) throw new Error(`expected a ${kind} view, got ${JSON.stringify(view, null, 2)}`);
  return view as Extract<View, { kind: K }>;
}
