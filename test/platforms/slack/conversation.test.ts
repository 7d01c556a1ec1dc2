// Whether Slack lets the bot post where /papers subscribe was typed, from what conversations.info answers.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  type ConversationInfoClient,
  slackConversationFacts,
} from '../../../src/platforms/slack/conversation.js';

const logger = pino({ level: 'silent' });

/** Answers conversations.info as Slack does, or fails as the Web API client does on { ok: false }. */
function client(answer: object | { error: string }): ConversationInfoClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    conversations: {
      async info({ channel }) {
        asked.push(channel);
        if ('error' in answer) {
          throw Object.assign(new Error(`An API error occurred: ${answer.error}`), {
            code: 'slack_webapi_platform_error',
            data: { ok: false, error: answer.error },
          });
        }
        return answer;
      },
    },
  };
}

describe('slackConversationFacts', () => {
  it('says the bot cannot post in a private channel it is not a member of', async () => {
    const c = client({ ok: true, channel: { id: 'G1', is_private: true, is_member: false } });
    expect(await slackConversationFacts(c, 'G1', logger)).toEqual({ botCanPost: false });
    expect(c.asked).toEqual(['G1']);
  });

  it('says the bot cannot post where Slack hides the conversation from it (a DM between two people)', async () => {
    expect(await slackConversationFacts(client({ error: 'channel_not_found' }), 'D2', logger)).toEqual({
      botCanPost: false,
    });
  });

  it('lets a public channel through even when the bot has not joined it (chat:write.public)', async () => {
    const c = client({ ok: true, channel: { id: 'C1', is_private: false, is_member: false } });
    expect(await slackConversationFacts(c, 'C1', logger)).toEqual({ botCanPost: true });
  });

  it('raises no objection when it cannot ask (a missing scope, an outage)', async () => {
    expect(await slackConversationFacts(client({ error: 'missing_scope' }), 'C1', logger)).toEqual({});
  });
});
