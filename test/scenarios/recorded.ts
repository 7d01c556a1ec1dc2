// Reads the recorded Discord and Slack payloads under test/fixtures/real/ (sources in its README.md).
import { real } from '../support/real.js';

type Json = Record<string, unknown>;

/**
 * Discord's docs condense some examples: `// comments`, a `...additionalInteractionFields` line and trailing
 * commas. Reading them drops exactly those; every value stays as recorded.
 */
export function parseJsonc(text: string): Json {
  const lines = text
    .split('\n')
    .filter((line) => !/^\s*\.\.\.\w+,/.test(line))
    .map((line) => line.replace(/\s\/\/ .*$/, '').replace(/^\s*\/\/.*$/, ''));
  return JSON.parse(lines.join('\n').replace(/,(\s*[}\]])/g, '$1')) as Json;
}

const copy = <T>(value: T): T => structuredClone(value);

const discordCache = new Map<string, Json>();
/** A recorded Discord payload (a fresh copy each time). */
export function discordRecorded(
  name: 'guild-command' | 'dm-command' | 'autocomplete' | 'button-press' | 'modal-submit',
): Json {
  const files = {
    'guild-command': 'guild-command-cardsearch.json',
    'dm-command': 'dm-command-user-install.jsonc',
    autocomplete: 'autocomplete-airhorn.json',
    'button-press': 'button-press.jsonc',
    'modal-submit': 'modal-submit-text-input.jsonc',
  } as const;
  let parsed = discordCache.get(name);
  if (!parsed) {
    parsed = parseJsonc(real(`discord/${files[name]}`));
    discordCache.set(name, parsed);
  }
  return copy(parsed);
}

/** A recorded Slack slash-command body, as URL-encoded form fields. */
export function slackSlash(name: 'enterprise' | 'private-channel'): URLSearchParams {
  const file = name === 'enterprise' ? 'slash-command-enterprise.txt' : 'slash-command-private-channel.txt';
  return new URLSearchParams(real(`slack/${file}`));
}

/** A recorded block_actions payload: pressed on a message only the presser sees, or on one everyone sees. */
export function slackBlockActions(container: 'ephemeral' | 'message'): Json {
  if (container === 'ephemeral') {
    // Recorded as the form's fields, `{"payload": {…}}`.
    return (JSON.parse(real('slack/block-actions-ephemeral-privategroup.json')) as { payload: Json }).payload;
  }
  return JSON.parse(real('slack/block-actions-message-privategroup.json')) as Json;
}

/** bolt-python's recorded view_submission (an Enterprise Grid team), decoded from its form body. */
export function slackViewSubmission(): Json {
  const form = new URLSearchParams(real('slack/view-submission-enterprise.txt'));
  return JSON.parse(form.get('payload') ?? '{}') as Json;
}

/** bolt-python's recorded app_home_opened event_callback from an org-wide (Enterprise Grid) install. */
export function slackAppHomeOpened(): Json {
  return JSON.parse(real('slack/app-home-opened-org-app.json')) as Json;
}
