// The reading group's posts: the announcement a day before (paper, TL;DR, presenter) and the reminder an hour before.
import type { Paper } from '../catalog/paper.js';
import { fallbackSummary, paperCard } from '../digest/view.js';
import type { Meeting } from '../store/types.js';
import type { Summary } from '../summarize/types.js';
import { formatLocalDateTime } from '../views/format.js';
import type { Action, TldrSource, View } from '../views/types.js';
import type { MeetingSchedule, MeetingTimes } from './schedule.js';

/** The button on the announcement: someone takes the presentation over from the rotation's pick (if nobody volunteered). */
export const PRESENT_ACTION: Action = { label: 'I’ll present', command: '/papers readinggroup present' };
export const QUEUE_ACTION: Action = { label: 'Reading group queue', command: '/papers readinggroup' };

/** "Thu 11 Dec, 15:00 (Europe/Berlin)". */
export function meetingWhen(group: MeetingSchedule, at: number): string {
  return `${formatLocalDateTime(new Date(at), group.timezone)} (${group.timezone})`;
}

function presenterLine(meeting: Meeting): string {
  if (meeting.presenter === null) return 'Nobody presents yet: press “I’ll present” to take it.';
  return meeting.volunteered
    ? `Presenting: ${meeting.presenterName ?? 'a volunteer'} (volunteered).`
    : `Presenting: ${meeting.presenterName ?? 'the next member in the rotation'} (rotation) — or press “I’ll present” to take it over.`;
}

const mentionOf = (meeting: Meeting) => (meeting.presenter ? { mentions: [meeting.presenter] } : {});

export interface AnnounceInput {
  group: MeetingSchedule;
  times: MeetingTimes;
  meeting: Meeting;
  paper: Paper | undefined;
  summary: Summary | undefined;
  tldrSources?: readonly TldrSource[];
}

/** A day before: the top-voted nomination with its TL;DR and who presents; without one, a call for nominations. */
export function announceView(input: AnnounceInput): View {
  const when = meetingWhen(input.group, input.times.at);
  if (input.meeting.paperId === null || !input.paper) return noPaperView(when, input.meeting);
  const card = paperCard(input.paper, input.summary ?? fallbackSummary(input.paper), undefined, {
    ...(input.tldrSources ? { tldrSources: input.tldrSources } : {}),
  });
  return {
    kind: 'list',
    title: `Reading group · ${when}`,
    intro: `Tomorrow’s paper, the queue’s top vote. ${presenterLine(input.meeting)}`,
    cards: [{ ...card, actions: [{ label: 'Summarize', command: `/papers summarize ${card.id}` }] }],
    actions: [PRESENT_ACTION, QUEUE_ACTION],
    ...mentionOf(input.meeting),
  };
}

/** How to give a meeting its paper after an announcement without one: the first nominated becomes it. */
const NOMINATE_HOW =
  'with the Nominate button under any paper, or /papers readinggroup nominate <paper>: the first one nominated becomes this meeting’s paper, and the reminder an hour before shows it';

/**
 * The queue was empty: a call for a paper, which still names who presents (a volunteer signed up for this meeting
 * sees their name, as with a paper) and asks them to choose the paper they present. A notice carries no mentions
 * (only lists do), so the name is written out.
 */
function noPaperView(when: string, meeting: Meeting): View {
  const name =
    meeting.presenterName ?? (meeting.volunteered ? 'a volunteer' : 'the next member in the rotation');
  const text =
    meeting.presenter === null
      ? `No paper is nominated for this meeting and nobody presents yet: press “I’ll present” to take it, and nominate the paper ${NOMINATE_HOW}.`
      : meeting.volunteered
        ? `Presenting: ${name} (volunteered). No paper is nominated for this meeting yet: ${name}, please choose the paper you present and nominate it ${NOMINATE_HOW}.`
        : `Presenting: ${name} (rotation) — or press “I’ll present” to take it over. No paper is nominated for this meeting yet: the presenter chooses one and nominates it ${NOMINATE_HOW}.`;
  return {
    kind: 'notice',
    title: `Reading group · ${when}`,
    text,
    actions: meeting.volunteered ? [QUEUE_ACTION] : [PRESENT_ACTION, QUEUE_ACTION],
  };
}

/** An hour before: the paper and its presenter again. */
export function reminderView(
  group: MeetingSchedule,
  times: MeetingTimes,
  meeting: Meeting,
  paper: Paper,
): View {
  const who =
    meeting.presenter === null
      ? 'Nobody has taken the presentation yet: press “I’ll present”.'
      : `${meeting.presenterName ?? 'The presenter'} presents.`;
  const card = paperCard(paper, fallbackSummary(paper));
  return {
    kind: 'list',
    title: `Reading group in an hour · ${meetingWhen(group, times.at)}`,
    intro: who,
    cards: [{ ...card, actions: [{ label: 'Summarize', command: `/papers summarize ${card.id}` }] }],
    ...(meeting.presenter === null ? { actions: [PRESENT_ACTION] } : {}),
    ...mentionOf(meeting),
  };
}
