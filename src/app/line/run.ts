// Running one typed line: the command quota first, then parsing, then the command (what the console calls).
import type { View } from '../../views/types.js';
import type { CommandSpec } from '../command.js';
import { admit, runCommand } from '../dispatch.js';
import { parseLine } from '../parse-line.js';
import type { CommandContext, Services } from '../types.js';

/** Parses and runs one line. The quota comes before parsing. Never throws. */
export async function runLine(
  line: string,
  ctx: CommandContext,
  services: Services,
  commands: readonly CommandSpec[],
): Promise<{ view: View; spec?: CommandSpec }> {
  const refused = admit(ctx, services);
  if (refused) return { view: refused };
  const parsed = parseLine(line, commands);
  if (!parsed.ok) return { view: parsed.view, ...(parsed.spec ? { spec: parsed.spec } : {}) };
  const view = await runCommand(parsed.spec, parsed.options, ctx, services, { admitted: true });
  return { view, spec: parsed.spec };
}
