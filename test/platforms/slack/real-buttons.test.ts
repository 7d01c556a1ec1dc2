// Buttons of real command answers pressed through Bolt: "More like this" and "Summarize" (issue 17).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paper } from '../../digest/fakes.js';
import { type Harness, MEMORY_BARRIER, startRealHarness } from './harness.js';
import { buttonPressBody, postSigned, slashBody } from './signed.js';

const catalog = [
  MEMORY_BARRIER,
  paper({
    id: '2410.20001',
    title: 'Contrastive Loss Scaling with Large Batch Size',
    abstract: 'Memory efficient contrastive loss.',
    links: { abs: 'https://arxiv.org/abs/2410.20001' },
  }),
  paper({
    id: '2410.20002',
    title: 'Memory Barrier Analysis for Contrastive Batch Training',
    abstract: 'Infinite batch scaling.',
    links: { abs: 'https://arxiv.org/abs/2410.20002' },
  }),
];

let h: Harness;
beforeAll(async () => {
  h = await startRealHarness({ catalog });
});
afterAll(async () => {
  await h.close();
});

/** The value of the button labelled `label` in a Slack message. */
function buttonValue(message: unknown, label: string): string {
  const found: string[] = [];
  JSON.stringify(message, (_key, value: unknown) => {
    const v = value as { type?: string; text?: { text?: string }; value?: string };
    if (v && v.type === 'button' && v.text?.text === label && v.value) found.push(v.value);
    return value;
  });
  if (!found[0]) throw new Error(`no ${label} button in ${JSON.stringify(message)}`);
  return found[0];
}

function press(value: string, responseId: string, ephemeral: boolean) {
  return buttonPressBody(value, h.mock.responseUrl(responseId), { ephemeral });
}

describe('Slack buttons on real answers', () => {
  it('lists papers like this one, never the paper itself', async () => {
    const summary = await postSigned(h.events, slashBody('summarize 2410.17243'));
    expect(JSON.stringify(summary.json)).toContain('Breaking the Memory Barrier');
    const value = buttonValue(summary.json, 'More like this');
    await postSigned(h.events, press(value, 'like', true));
    const [answer] = await h.mock.waitFor('/respond/like');
    const body = JSON.stringify(answer?.body);
    expect(body).toContain('Contrastive Loss Scaling with Large Batch Size');
    expect(body).not.toContain('Breaking the Memory Barrier');
    expect(body).not.toContain('arxiv.org/abs/2410.17243');
  });

  it('answers Summarize pressed on private results privately', async () => {
    const results = await postSigned(h.events, slashBody('search contrastive loss'));
    expect(results.json?.response_type).toBe('ephemeral');
    await postSigned(h.events, press(buttonValue(results.json, 'Summarize'), 'summary', true));
    const [answer] = await h.mock.waitFor('/respond/summary');
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(answer?.body.replace_original).toBe(false);
  });

  it('shares private results as a new message in the channel, leaving the private one', async () => {
    const results = await postSigned(h.events, slashBody('search contrastive loss limit:1'));
    await postSigned(h.events, press(buttonValue(results.json, 'Share to channel'), 'shared', true));
    const [answer] = await h.mock.waitFor('/respond/shared');
    expect(answer?.body.response_type).toBe('in_channel');
    expect(answer?.body.replace_original).toBe(false);
  });

  it('pages private results in place', async () => {
    const results = await postSigned(h.events, slashBody('search contrastive loss limit:1'));
    await postSigned(h.events, press(buttonValue(results.json, 'Next'), 'next', true));
    const [answer] = await h.mock.waitFor('/respond/next');
    expect(answer?.body.replace_original).toBe(true);
    expect(answer?.body.response_type).toBe('ephemeral');
  });
});
