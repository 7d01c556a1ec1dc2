// Rows and argument checks of a channel's reading group (meeting, queue, votes, rotation, meetings, volunteers).
import { z } from 'zod';
import { checked } from './ledger.js';
import { iso } from './rows.js';
import {
  type Meeting,
  type Nomination,
  type ReadingGroup,
  type ReadingMember,
  type Volunteer,
  WEEKDAYS,
  type Weekday,
} from './types.js';

export interface ReadingGroupRow {
  weekday: string;
  meeting_time: string;
  timezone: string;
  created_at: string | Date;
  updated_at: string | Date;
  updated_by: string;
}

export interface NominationRow {
  paper_id: string;
  nominated_by: string;
  nominated_at: string | Date;
  requeued_at?: string | Date | null;
}

export interface MemberRow {
  user_id: string;
  display_name: string;
  joined_at: string | Date;
}

export interface MeetingRow {
  meeting_date: string;
  paper_id: string | null;
  presenter: string | null;
  presenter_name: string | null;
  volunteered: number | boolean;
  created_at: string | Date;
}

export interface VolunteerRow {
  user_id: string;
  display_name: string;
  volunteered_at: string | Date;
}

export function toVolunteer(row: VolunteerRow): Volunteer {
  return { user: row.user_id, name: row.display_name, volunteeredAt: iso(row.volunteered_at) };
}

export function toReadingGroup(row: ReadingGroupRow): ReadingGroup {
  return {
    day: row.weekday as Weekday,
    time: row.meeting_time,
    timezone: row.timezone,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    updatedBy: row.updated_by,
  };
}

export function toMember(row: MemberRow): ReadingMember {
  return { user: row.user_id, name: row.display_name, joinedAt: iso(row.joined_at) };
}

export function toMeeting(row: MeetingRow): Meeting {
  return {
    date: row.meeting_date,
    paperId: row.paper_id,
    presenter: row.presenter,
    presenterName: row.presenter_name,
    volunteered: Boolean(row.volunteered),
    createdAt: iso(row.created_at),
  };
}

/**
 * Nominations with their voters: papers back from a meeting that could not move first (earliest back first), then
 * most votes, then the earliest nominated (then by id, for a stable order).
 */
export function toNominations(
  rows: readonly NominationRow[],
  votes: readonly { paper_id: string; user_id: string }[],
): Nomination[] {
  const voters = new Map<string, string[]>();
  for (const v of votes) voters.set(v.paper_id, [...(voters.get(v.paper_id) ?? []), v.user_id]);
  return rows
    .map((r) => ({
      paperId: r.paper_id,
      nominatedBy: r.nominated_by,
      nominatedAt: iso(r.nominated_at),
      voters: voters.get(r.paper_id) ?? [],
      ...(r.requeued_at ? { requeuedAt: iso(r.requeued_at) } : {}),
    }))
    .sort(
      (a, b) =>
        (a.requeuedAt ?? '\uffff').localeCompare(b.requeuedAt ?? '\uffff') ||
        b.voters.length - a.voters.length ||
        a.nominatedAt.localeCompare(b.nominatedAt) ||
        a.paperId.localeCompare(b.paperId),
    );
}

export const MeetingScheduleSchema = z.object({
  day: z.enum(WEEKDAYS),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'),
  timezone: z.string().trim().min(1).max(64),
});

export const MeetingDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD');

export const MeetingSchema = z.object({
  date: MeetingDateSchema,
  paperId: z.string().trim().min(1).max(200).nullable(),
  presenter: z.string().trim().min(1).max(200).nullable(),
  presenterName: z.string().trim().min(1).max(200).nullable(),
});

const displayName = z.string().trim().min(1, 'must not be empty').max(200);

export function checkName(name: string): string {
  return checked(displayName, name, 'name');
}

export function checkDate(date: string): string {
  return checked(MeetingDateSchema, date, 'date');
}
