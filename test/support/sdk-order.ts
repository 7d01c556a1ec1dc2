// Test files share one worker (vitest.config.ts, isolate: false): load the chat SDKs' HTTP stacks in the order
// the bot does.
//
// discord.js's REST client (undici 6) and Slack's socket mode (undici 7) each install undici's process-wide
// default dispatcher when they load, under the same Symbol.for key, and the first one loaded keeps it. Discord's
// file uploads (multipart FormData) fail on undici 7's dispatcher ("action is not a function"). src/main.ts
// loads Discord's platform before Slack's, so in the bot Discord's copy always wins; in a shared worker a Slack
// test file that ran first would leave a state the bot never reaches. Loading @discordjs/rest here, before any
// test file (discord.js loads it), keeps the bot's order whichever file comes first.
import 'discord.js';
