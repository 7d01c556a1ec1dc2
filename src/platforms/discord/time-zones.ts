// Time-zone autocomplete: IANA names matching what someone types ("berlin", "new york", "Europe/").
import { modernZoneName } from '../../schedule/zone-names.js';

/** Offered before anything is typed: the zones most people pick. */
const COMMON = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Australia/Sydney',
];

let zones: string[] | undefined;
function allZones(): string[] {
  // Current names (Asia/Kolkata), not the old ones Node's ICU lists (Asia/Calcutta).
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')].map(modernZoneName);
  return zones;
}

/** Options whose values are time zones get autocomplete on Discord, whatever the command declared. */
export function isTimeZoneOption(key: string): boolean {
  return key.toLowerCase() === 'timezone' || key.toLowerCase() === 'time_zone';
}

/** Up to `limit` IANA names: the city or region starting with the typed text first, then any containing it. */
export function suggestTimeZones(typed: string, limit = 25): string[] {
  const q = typed.trim().toLowerCase().replace(/\s+/g, '_');
  if (!q) return COMMON.slice(0, limit);
  const starts: string[] = [];
  const contains: string[] = [];
  for (const zone of allZones()) {
    const z = zone.toLowerCase();
    const city = z.slice(z.lastIndexOf('/') + 1);
    if (z.startsWith(q) || city.startsWith(q)) starts.push(zone);
    else if (z.includes(q)) contains.push(zone);
  }
  return [...starts, ...contains].slice(0, limit);
}
