// /papers readinggroup: a channel's reading group — its weekly meeting, the nomination queue, and who presents.
import { z } from 'zod';
import { defineCommand, type OptionSpec, option } from '../src/app/command.js';
import type { CommandContext, Services } from '../src/app/types.js';
import { nextPresenter } from '../src/reading-group/rotation.js';
import { announceSlot, type MeetingTimes, nextMeeting, reminderSlot } from '../src/reading-group/schedule.js';
import { meetingWhen, QUEUE_ACTION } from '../src/reading-group/view.js';
import type { ReadingGroup } from '../src/store/types.js';
import { humanList, plural, truncate } from '../src/views/format.js';
import { paperCard } from '../src/views/paper-card.js';
import type { Action, PaperCard, View } from '../src/views/types.js';
import { findPaper, unquote } from './lib/paper-ref.js';
import { checkDays, checkTime, checkTimezone } from './lib/settings-input.js';

const ACTIONS = ['schedule', 'join', 'leave', 'off', 'nominate', 'vote', 'present', 'withdraw'] as const;
type ReadingAction = (typeof ACTIONS)[number];
/** What only people who manage the channel may do; everyone may look, nominate, vote, join and present. */
const MANAGED: ReadonlySet<string> = new Set(['schedule', 'off']);
/** The most nominations the queue shows (the top ones; the vote decides). */
const QUEUE_SHOWN = 10;

const action: OptionSpec<z.ZodType<ReadingAction, unknown>> = {
  kind: 'string',
  description: 'schedule, join, leave, off, nominate, vote, present or withdraw; nothing shows the queue',
  schema: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(ACTIONS, { error: `must be one of ${ACTIONS.join(', ')}` })),
  required: false,
  positional: 'one',
  choices: ACTIONS.map((a) => ({ name: a, value: a })),
};

const day: OptionSpec<z.ZodType<ReadingGroup['day'], string>> = {
  kind: 'string',
  description: 'The meeting’s weekday: mon, tue, wed, thu, fri, sat or sun',
  schema: z.string().transform((text, ctx) => {
    const days = checkDays(text);
    if (days.ok && days.value.length === 1) return days.value[0] as ReadingGroup['day'];
    ctx.addIssue({ code: 'custom', message: 'must be one weekday, like thu' });
    return z.NEVER;
  }),
  required: false,
};

const fromCheck = <T>(check: (text: string) => { ok: true; value: T } | { ok: false; message: string }) =>
  z.string().transform((text, ctx) => {
    const result = check(text);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });

const voteAction = (id: string): Action => ({ label: 'Vote', command: `/papers readinggroup vote ${id}` });
const JOIN: Action = { label: 'Join the rotation', command: '/papers readinggroup join' };
const LEAVE: Action = { label: 'Leave the rotation', command: '/papers readinggroup leave' };
const WITHDRAW: Action = { label: 'I can’t present', command: '/papers readinggroup withdraw' };

export const readinggroup = defineCommand({
  name: 'readinggroup',
  description: 'A weekly reading group: nominate and vote on papers, take turns presenting',
  usage:
    '/papers readinggroup [schedule day:<weekday> time:HH:MM timezone:<Area/City> | join | leave | off | nominate <paper> | vote <paper> | present | withdraw]',
  examples: [
    '/papers readinggroup',
    '/papers readinggroup schedule day:thu time:15:00 timezone:Europe/Berlin',
    '/papers readinggroup join',
    '/papers readinggroup nominate 2405.04233',
    '/papers readinggroup present',
  ],
  admin: (raw) =>
    MANAGED.has(
      String(raw.action ?? '')
        .trim()
        .toLowerCase(),
    ),
  options: {
    action,
    paper: option.string('The paper to nominate or vote for: arXiv id, link or title words', {
      positional: 'rest',
      autocomplete: true,
    }),
    day,
    time: {
      kind: 'string',
      description: 'The meeting’s local time, HH:MM (24-hour)',
      schema: fromCheck(checkTime),
      required: false,
    } satisfies OptionSpec<z.ZodType<string, string>>,
    timezone: {
      kind: 'string',
      description: 'IANA time zone of the meeting, e.g. Europe/Berlin',
      schema: fromCheck(checkTimezone),
      required: false,
    } satisfies OptionSpec<z.ZodType<string, string>>,
  },
  async run(input, ctx, services) {
    switch (input.action) {
      case 'schedule':
        return schedule(input, ctx, services);
      case 'off':
        return off(ctx, services);
      case 'join':
        return join(ctx, services);
      case 'leave':
        return leave(ctx, services);
      case 'nominate':
      case 'vote':
        if (input.paper === undefined) {
          return {
            kind: 'error',
            text: `Name the paper to ${input.action === 'vote' ? 'vote for' : input.action}.`,
            hint: `Example: /papers readinggroup ${input.action} 2405.04233`,
            ephemeral: true,
          };
        }
        return input.action === 'vote'
          ? vote(input.paper, ctx, services)
          : nominate(input.paper, ctx, services);
      case 'present':
        return present(ctx, services);
      case 'withdraw':
        return withdraw(ctx, services);
      default:
        return show(ctx, services);
    }
  },
});

const who = (ctx: CommandContext) => ctx.user.name ?? ctx.user.id;

async function schedule(
  input: { day?: ReadingGroup['day'] | undefined; time?: string | undefined; timezone?: string | undefined },
  ctx: CommandContext,
  services: Services,
): Promise<View> {
  const before = await services.store.getReadingGroup(ctx.channel);
  const chosenDay = input.day ?? before?.day;
  const time = input.time ?? before?.time;
  if (!chosenDay || !time) {
    return {
      kind: 'error',
      text: 'Say which day and time the reading group meets.',
      hint: 'Example: /papers readinggroup schedule day:thu time:15:00 timezone:Europe/Berlin',
      ephemeral: true,
    };
  }
  const channel = await services.store.getChannel(ctx.channel);
  const timezone = input.timezone ?? before?.timezone ?? ctx.user.timezone ?? channel?.timezone ?? 'UTC';
  const now = services.clock.now().getTime();
  const was = before ? nextMeeting(before, now) : undefined;
  const group = await services.store.setReadingGroup(
    ctx.channel,
    { day: chosenDay, time, timezone },
    who(ctx),
  );
  const next = nextMeeting(group, now);
  const moved =
    !before || !was || !next
      ? ''
      : was.date !== next.date
        ? ((await moveAnnounced(ctx, services, before, was, group, next)) ??
          (await moveVolunteer(ctx, services, was, next)))
        : was.at !== next.at
          ? await retimeAnnounced(ctx, services, before, was, group, next)
          : '';
  return {
    kind: 'notice',
    title: before ? 'Reading group moved' : 'Reading group scheduled',
    text: `The reading group meets every ${dayName(group.day)} at ${group.time} (${group.timezone}). A day before, I post the queue’s top-voted paper with its TL;DR and who presents; an hour before, a reminder.${moved}`,
    fields: [
      ...(next ? [{ name: 'Next meeting', value: meetingWhen(group, next.at) }] : []),
      { name: 'Nominate', value: 'The Nominate button under any paper' },
    ],
    actions: [JOIN, QUEUE_ACTION],
    ephemeral: true,
  };
}

/**
 * The schedule moved the next meeting to another date after it was announced (it has not begun: `was` is still to
 * come). Left on the old date, its paper would be lost (it left the queue) and its presenter would count as having
 * presented; so the meeting moves, same paper and presenter, and the new date gets its own announcement and
 * reminder (their ledger slots are keyed by date). If the new date has a meeting already, that one stays and this
 * paper goes back to the front of the queue. Undefined when the old date was not announced.
 */
async function moveAnnounced(
  ctx: CommandContext,
  services: Services,
  before: ReadingGroup,
  was: MeetingTimes,
  group: ReadingGroup,
  next: MeetingTimes,
): Promise<string | undefined> {
  const result = await services.store.moveMeeting(ctx.channel, was.date, next.date, who(ctx));
  if (!result) return undefined;
  const from = meetingWhen(before, was.at);
  const to = meetingWhen(group, next.at);
  const title = (paperId: string | null) =>
    paperId ? `“${truncate(services.search.get(paperId)?.title ?? paperId, 100)}”` : undefined;
  if (result.moved) {
    const { meeting } = result;
    const presenter = meeting.presenterName ? `presented by ${meeting.presenterName}` : 'nobody presents yet';
    return ` The meeting on ${from} moves to ${to}: ${title(meeting.paperId) ?? 'no paper yet'}, ${presenter}. I announce it there as usual.`;
  }
  const { dropped, kept } = result;
  const keptPaper = title(kept.paperId);
  const back = title(dropped.paperId);
  const presenter = dropped.presenterName ? ` ${dropped.presenterName} no longer presents it.` : '';
  return ` The meeting on ${from} cannot move to ${to}, which has its meeting already${keptPaper ? ` (${keptPaper})` : ''}, so it is off${back ? `: ${back} goes back to the front of the queue` : ''}.${presenter}`;
}

/**
 * The schedule changed only the next meeting's time (same date) after its announcement was posted. The meeting
 * keeps its date, so it keeps its paper, presenter and ledger slots: nothing is announced again (a second post for
 * one meeting would read as two meetings). The posted announcement still shows the old time, so the reply says
 * the new one for whoever changed it to pass on, and whether the reminder, which reads the schedule when it is
 * posted, will give it. Empty when the announcement has not gone out: it will show the new time itself.
 */
async function retimeAnnounced(
  ctx: CommandContext,
  services: Services,
  before: ReadingGroup,
  was: MeetingTimes,
  group: ReadingGroup,
  next: MeetingTimes,
): Promise<string> {
  const announced = await services.store.getDelivery(ctx.channel, announceSlot(was.date));
  if (announced?.status !== 'sent') return '';
  const reminder = await services.store.getDelivery(ctx.channel, reminderSlot(next.date));
  const meeting = await services.store.getMeeting(ctx.channel, next.date);
  const remind =
    reminder?.status === 'sent'
      ? 'the reminder went out already with the old time too, so tell the channel.'
      : reminder && reminder.status !== 'pending'
        ? 'no reminder goes out for it, so tell the channel.'
        : meeting && meeting.paperId === null
          ? 'the reminder an hour before gives the new time once the meeting has a paper.'
          : 'the reminder an hour before gives the new time.';
  return ` The meeting announced for ${meetingWhen(before, was.at)} now starts at ${meetingWhen(group, next.at)}. The announcement posted keeps the old time and is not posted again; ${remind}`;
}

/**
 * The schedule moved the next meeting to another date: whoever volunteered for it offered to present the next
 * meeting, so the offer moves with it (a reading group that shifts Thursday's session to Friday still expects the
 * same person). If someone else already presents the new date, the volunteer steps down instead. Either way the
 * reply names them, so whoever moved the meeting can tell them (and they can withdraw if the new time does not
 * suit). A meeting already announced keeps its presenter: it was posted, and is not this hold.
 */
async function moveVolunteer(
  ctx: CommandContext,
  services: Services,
  was: MeetingTimes,
  next: MeetingTimes,
): Promise<string> {
  const volunteer = await services.store.getVolunteer(ctx.channel, was.date);
  if (!volunteer) return '';
  const { withdrawn } = await services.store.withdraw(ctx.channel, was.date, volunteer.user);
  if (!withdrawn) return '';
  const group = await services.store.getReadingGroup(ctx.channel);
  const when = group ? meetingWhen(group, next.at) : next.date;
  const result = await services.store.volunteer(ctx.channel, next.date, volunteer.user, volunteer.name);
  if (result.taken) {
    return ` ${volunteer.name} had volunteered to present the next meeting and now presents it on ${when}; if that does not suit them, they can withdraw (/papers readinggroup withdraw).`;
  }
  const other = (result.announced ? result.meeting.presenterName : result.volunteer.name) ?? 'someone else';
  return ` ${volunteer.name} had volunteered to present the next meeting, but ${other} presents on ${when} already, so ${volunteer.name} no longer presents.`;
}

const DAY_NAMES: Record<ReadingGroup['day'], string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
const dayName = (d: ReadingGroup['day']) => DAY_NAMES[d];

async function off(ctx: CommandContext, services: Services): Promise<View> {
  const removed = await services.store.removeReadingGroup(ctx.channel);
  return {
    kind: 'notice',
    title: removed ? 'Reading group off' : 'No reading group here',
    text: removed
      ? 'No more reading group posts in this channel. The queue and the rotation are kept: schedule again to carry on.'
      : 'This channel has no reading group meeting. Start one: /papers readinggroup schedule day:thu time:15:00',
    ephemeral: true,
  };
}

async function join(ctx: CommandContext, services: Services): Promise<View> {
  const joined = await services.store.joinRotation(ctx.channel, ctx.user.id, who(ctx));
  const members = await services.store.listMembers(ctx.channel);
  return {
    kind: 'notice',
    title: joined ? 'You joined the presenter rotation' : 'You are in the rotation already',
    text: `Presenters take turns: whoever presented least recently goes next, so nobody presents twice before everyone has once. In the rotation: ${humanList(members.map((m) => m.name))}.`,
    actions: [LEAVE, QUEUE_ACTION],
    ephemeral: true,
  };
}

async function leave(ctx: CommandContext, services: Services): Promise<View> {
  const left = await services.store.leaveRotation(ctx.channel, ctx.user.id);
  return {
    kind: 'notice',
    title: left ? 'You left the presenter rotation' : 'You were not in the rotation',
    text: left
      ? 'You will not be picked to present. You can still volunteer with “I’ll present”.'
      : 'Join it to take turns presenting: /papers readinggroup join',
    actions: [JOIN],
    ephemeral: true,
  };
}

async function nominate(text: string, ctx: CommandContext, services: Services): Promise<View> {
  const found = findPaper(services, text, (id) => `/papers readinggroup nominate ${id}`);
  if ('view' in found) return found.view;
  const { paper } = found;
  const chosen = await forMeetingWithoutPaper(paper.id, ctx, services);
  if (chosen) {
    return {
      kind: 'notice',
      title: 'Paper chosen for the next meeting',
      text: `The meeting on ${chosen} was announced without a paper: “${truncate(paper.title, 100)}” is its paper now, and the reminder an hour before shows it.`,
      actions: [QUEUE_ACTION],
      ephemeral: true,
    };
  }
  const { nomination, created } = await services.store.nominate(ctx.channel, paper.id, who(ctx));
  const queue = await services.store.listNominations(ctx.channel);
  const place = queue.findIndex((n) => n.paperId === paper.id) + 1;
  const title = truncate(paper.title, 100);
  return {
    kind: 'notice',
    title: created ? 'Nominated for the reading group' : 'Already nominated',
    text: created
      ? `“${title}” is in the reading group’s queue (${place} of ${queue.length}). The paper with the most votes is read next.`
      : `${nomination.nominatedBy} nominated “${title}” already: it has ${plural(nomination.voters.length, 'vote')} (${place} of ${queue.length}).`,
    actions: [voteAction(paper.id), QUEUE_ACTION],
    ephemeral: true,
  };
}

/**
 * The next meeting was announced with an empty queue: the first paper nominated after becomes its paper (the
 * announcement asked its presenter for one), instead of waiting in the queue for the week after. When it was.
 */
async function forMeetingWithoutPaper(
  paperId: string,
  ctx: CommandContext,
  services: Services,
): Promise<string | undefined> {
  const scheduled = await nextScheduled(ctx, services);
  if (!scheduled) return undefined;
  const { group, next } = scheduled;
  const meeting = await services.store.getMeeting(ctx.channel, next.date);
  if (!meeting || meeting.paperId !== null) return undefined;
  const set = await services.store.setMeetingPaper(ctx.channel, next.date, paperId);
  return set ? meetingWhen(group, next.at) : undefined;
}

async function vote(text: string, ctx: CommandContext, services: Services): Promise<View> {
  // An id straight from the queue's button needs no search (the catalog may have dropped the paper since).
  const direct = unquote(text);
  let id = direct;
  let voted = await services.store.voteNomination(ctx.channel, id, ctx.user.id);
  if (!voted) {
    const found = findPaper(services, text, (paperId) => `/papers readinggroup vote ${paperId}`);
    if ('view' in found) return found.view;
    id = found.paper.id;
    voted = await services.store.voteNomination(ctx.channel, id, ctx.user.id);
  }
  const title = truncate(services.search.get(id)?.title ?? id, 100);
  if (!voted) {
    return {
      kind: 'error',
      text: `“${title}” is not in the reading group’s queue.`,
      hint: `Nominate it first: /papers readinggroup nominate ${id}`,
      ephemeral: true,
    };
  }
  const queue = await services.store.listNominations(ctx.channel);
  const place = queue.findIndex((n) => n.paperId === id) + 1;
  return {
    kind: 'notice',
    title: voted.created ? 'Vote counted' : 'You voted for it already',
    text: `“${title}” has ${plural(voted.nomination.voters.length, 'vote')}: ${place} of ${queue.length} in the queue.`,
    actions: [QUEUE_ACTION],
    ephemeral: true,
  };
}

/** The channel's reading group and its next meeting, or undefined when there is no group or no meeting ahead. */
async function nextScheduled(ctx: CommandContext, services: Services) {
  const group = await services.store.getReadingGroup(ctx.channel);
  const next = group ? nextMeeting(group, services.clock.now().getTime()) : undefined;
  return group && next ? { group, next } : undefined;
}

/**
 * Volunteering for the next meeting, any time once it is scheduled: before its announcement the first volunteer
 * is held for it (the announcement names them), after it the first takes over from the rotation's pick. Pressing
 * again does not withdraw (a double press must not undo it): it says so and offers the Withdraw button.
 */
async function present(ctx: CommandContext, services: Services): Promise<View> {
  const scheduled = await nextScheduled(ctx, services);
  if (!scheduled) return noGroup();
  const { group, next } = scheduled;
  const when = meetingWhen(group, next.at);
  const result = await services.store.volunteer(ctx.channel, next.date, ctx.user.id, who(ctx));
  if (!result.taken) {
    const name = (result.announced ? result.meeting.presenterName : result.volunteer.name) ?? 'Someone';
    return {
      kind: 'notice',
      title: 'Someone presents already',
      text: `Thank you for offering: ${name} volunteered to present already on ${when}.`,
      actions: [QUEUE_ACTION],
      ephemeral: true,
    };
  }
  const meeting = result.announced ? result.meeting : undefined;
  const paper = meeting?.paperId ? services.search.get(meeting.paperId) : undefined;
  const what = meeting ? (paper ? `“${truncate(paper.title, 100)}”` : 'the paper') : undefined;
  if (!result.created) {
    return {
      kind: 'notice',
      title: 'You present already',
      text: `You present${what ? ` ${what}` : ''} on ${when}. Can’t make it? Withdraw, and ${result.announced ? 'someone else can volunteer' : 'the rotation picks again'}.`,
      actions: [WITHDRAW],
      ephemeral: true,
    };
  }
  if (meeting && !meeting.paperId) {
    return {
      kind: 'notice',
      title: 'You present',
      text: `Thank you: you present on ${when}. No paper is chosen for it yet: nominate the one you present (/papers readinggroup nominate <paper>, or the Nominate button under any paper) and it becomes the meeting’s paper.`,
      actions: [WITHDRAW],
      ephemeral: true,
    };
  }
  return {
    kind: 'notice',
    title: 'You present',
    text: what
      ? `Thank you: you present ${what} on ${when}. The reminder an hour before names you.`
      : `Thank you: you present on ${when}. The announcement the day before names you with the queue’s top-voted paper.`,
    actions: [WITHDRAW],
    ephemeral: true,
  };
}

/** "I can't present": a volunteer, or the rotation's pick once announced, steps back from the next meeting. */
async function withdraw(ctx: CommandContext, services: Services): Promise<View> {
  const scheduled = await nextScheduled(ctx, services);
  if (!scheduled) return noGroup();
  const { group, next } = scheduled;
  const when = meetingWhen(group, next.at);
  const { announced, withdrawn } = await services.store.withdraw(ctx.channel, next.date, ctx.user.id);
  if (!withdrawn) {
    return {
      kind: 'notice',
      title: 'You were not presenting',
      text: `You are not down to present on ${when}: nothing to withdraw.`,
      actions: [QUEUE_ACTION],
      ephemeral: true,
    };
  }
  return {
    kind: 'notice',
    title: 'You no longer present',
    text: announced
      ? `Nobody presents on ${when} now: anyone can take it with “I’ll present”, and the reminder an hour before asks for a volunteer.`
      : `The rotation picks who presents on ${when} again, unless someone volunteers first.`,
    actions: [QUEUE_ACTION],
    ephemeral: true,
  };
}

function noGroup(): View {
  return {
    kind: 'error',
    text: 'This channel has no reading group meeting yet.',
    hint: 'Someone who manages the channel can start one: /papers readinggroup schedule day:thu time:15:00 timezone:Europe/Berlin',
    ephemeral: true,
  };
}

async function show(ctx: CommandContext, services: Services): Promise<View> {
  const [group, queue, members] = await Promise.all([
    services.store.getReadingGroup(ctx.channel),
    services.store.listNominations(ctx.channel),
    services.store.listMembers(ctx.channel),
  ]);
  const lines: string[] = [];
  if (group) {
    const next = nextMeeting(group, services.clock.now().getTime());
    if (next) {
      const meeting = await services.store.getMeeting(ctx.channel, next.date);
      const volunteer = meeting ? undefined : await services.store.getVolunteer(ctx.channel, next.date);
      const presenter = meeting
        ? (meeting.presenterName ?? 'nobody yet: press “I’ll present” on the announcement')
        : volunteer
          ? `${volunteer.name} (volunteered)`
          : (nextPresenter(members, await services.store.listMeetings(ctx.channel))?.name ??
            'a volunteer (nobody is in the rotation): /papers readinggroup present');
      lines.push(`Next meeting: ${meetingWhen(group, next.at)}, presented by ${presenter}.`);
    }
  } else {
    lines.push(
      'No meeting is scheduled: /papers readinggroup schedule day:thu time:15:00 timezone:Europe/Berlin',
    );
  }
  lines.push(
    members.length > 0
      ? `Rotation: ${humanList(members.map((m) => m.name))}.`
      : 'Nobody is in the presenter rotation yet.',
  );
  const mine = members.some((m) => m.user === ctx.user.id);
  const rotation = mine ? LEAVE : JOIN;
  if (queue.length === 0) {
    return {
      kind: 'notice',
      title: 'Reading group',
      text: [...lines, 'The queue is empty: nominate a paper with the Nominate button under any paper.'].join(
        '\n',
      ),
      actions: [rotation],
      ephemeral: true,
    };
  }
  const cards: PaperCard[] = queue.slice(0, QUEUE_SHOWN).map((n) => {
    const paper = services.search.get(n.paperId);
    const reason = `${plural(n.voters.length, 'vote')} · nominated by ${n.nominatedBy}`;
    const card: PaperCard = paper
      ? paperCard(paper, undefined, { reason })
      : {
          id: n.paperId,
          title: n.paperId,
          tldr: '',
          keyPoints: [],
          authors: [],
          links: {},
          source: 'json',
          reason,
        };
    return { ...card, actions: [voteAction(n.paperId)] };
  });
  const more = queue.length > QUEUE_SHOWN ? ` The ${QUEUE_SHOWN} with the most votes are shown.` : '';
  return {
    kind: 'list',
    title: 'Reading group queue',
    intro: `${lines.join(' ')} ${plural(queue.length, 'nominated paper')}, most votes first.${more}`,
    cards,
    actions: [rotation],
    ephemeral: true,
  };
}
