// The scenario suite's console driver: one console session per person (the session entry point the REPL and
// scripts use), its printed text read back. The console's "buttons" are the words it offers: next, prev, summarize N.
import { papersCommands } from '../../../commands/index.js';
import type { Services } from '../../../src/app/types.js';
import { ConsoleDelivery, consoleContext } from '../../../src/platforms/console/channel.js';
import { type ConsoleSession, createConsoleSession } from '../../../src/platforms/console/session.js';
import type { Driver, Reply } from '../driver.js';

/** What the console offers instead of a button with this label. */
const WORDS: Record<string, string> = {
  'Next ▶': 'next',
  '◀ Prev': 'prev',
  'Summarize #1': 'summarize 1',
};

function toReply(text: string): Reply {
  const buttons: string[] = [];
  if (/→ Next:/.test(text)) buttons.push('Next ▶');
  if (/→ (Prev|Previous):/.test(text)) buttons.push('◀ Prev');
  // A numbered list: "summarize 1" summarises its first result.
  if (/^\s*1[.)]\s/m.test(text)) buttons.push('Summarize #1');
  return { text, private: true, buttons, raw: text };
}

export async function consoleDriver(services: Services): Promise<Driver> {
  const sessions = new Map<string, ConsoleSession>();
  const session = (user: string) => {
    let s = sessions.get(user);
    if (!s) {
      s = createConsoleSession({
        services,
        commands: papersCommands,
        context: () => consoleContext(user),
        render: { color: false, width: 100 },
      });
      sessions.set(user, s);
    }
    return s;
  };
  // What the console's digests and other scheduled posts print, read back like an answer.
  const printed: string[] = [];
  const side = {
    port: new ConsoleDelivery((text) => printed.push(text), { color: false, width: 100 }),
    posts: () => printed.map((text) => ({ ...toReply(text), private: false })),
  };
  return {
    name: 'console',
    async command(line, options) {
      return toReply((await session(options.user).handle(`/papers ${line}`)).text);
    },
    async press(on, label, options) {
      const word = Object.entries(WORDS).find(([l]) => l.startsWith(label))?.[1];
      if (!word || !on.buttons.some((b) => b.startsWith(label))) {
        throw new Error(`the console offers no "${label}"; it shows: ${on.buttons.join(', ') || 'nothing'}`);
      }
      return { kind: 'printed', reply: toReply((await session(options.user).handle(word)).text) };
    },
    channel: () => side,
    async close() {},
  };
}
