// Time-zone names as people give them: IANA's current names that Node's ICU still calls by old ones, and advice for
// abbreviations (EST, CET, IST …), which name an offset rather than a place and so would miss daylight saving.

/**
 * Old name (what Node 20's ICU resolves to and lists) → the name IANA uses today. Intl accepts either, so a user who
 * types the modern name keeps it, and lists offer it instead of the old one.
 */
export const RENAMED_ZONES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The current IANA name of a zone the runtime reports by an old one (Asia/Calcutta → Asia/Kolkata). */
export function modernZoneName(zone: string): string {
  return RENAMED_ZONES[zone] ?? zone;
}

/** Lower-case current name → its spelling, for the names ICU does not list. */
export const MODERN_NAMES: ReadonlyMap<string, string> = new Map(
  Object.values(RENAMED_ZONES).map((zone) => [zone.toLowerCase(), zone]),
);

/** Abbreviation → the zones people usually mean by it (with daylight saving where the place has it). */
const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  et: ['America/New_York'],
  est: ['America/New_York'],
  edt: ['America/New_York'],
  ct: ['America/Chicago'],
  cst: ['America/Chicago', 'Asia/Shanghai'],
  cdt: ['America/Chicago'],
  mt: ['America/Denver'],
  mst: ['America/Denver', 'America/Phoenix'],
  mdt: ['America/Denver'],
  pt: ['America/Los_Angeles'],
  pst: ['America/Los_Angeles'],
  pdt: ['America/Los_Angeles'],
  akst: ['America/Anchorage'],
  akdt: ['America/Anchorage'],
  hst: ['Pacific/Honolulu'],
  ast: ['America/Halifax'],
  adt: ['America/Halifax'],
  nst: ['America/St_Johns'],
  ndt: ['America/St_Johns'],
  brt: ['America/Sao_Paulo'],
  art: ['America/Argentina/Buenos_Aires'],
  bst: ['Europe/London'],
  ist: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'],
  wet: ['Europe/Lisbon'],
  west: ['Europe/Lisbon'],
  cet: ['Europe/Berlin', 'Europe/Paris'],
  cest: ['Europe/Berlin', 'Europe/Paris'],
  met: ['Europe/Berlin'],
  eet: ['Europe/Athens', 'Europe/Helsinki'],
  eest: ['Europe/Athens', 'Europe/Helsinki'],
  msk: ['Europe/Moscow'],
  sast: ['Africa/Johannesburg'],
  cat: ['Africa/Maputo'],
  eat: ['Africa/Nairobi'],
  wat: ['Africa/Lagos'],
  pkt: ['Asia/Karachi'],
  ict: ['Asia/Bangkok'],
  wib: ['Asia/Jakarta'],
  sgt: ['Asia/Singapore'],
  hkt: ['Asia/Hong_Kong'],
  pht: ['Asia/Manila'],
  jst: ['Asia/Tokyo'],
  kst: ['Asia/Seoul'],
  awst: ['Australia/Perth'],
  acst: ['Australia/Adelaide'],
  acdt: ['Australia/Adelaide'],
  aest: ['Australia/Sydney', 'Australia/Brisbane'],
  aedt: ['Australia/Sydney'],
  nzst: ['Pacific/Auckland'],
  nzdt: ['Pacific/Auckland'],
};

/** Names that look like abbreviations but are zones that mean what they say. */
const OFFSET_NAMES = new Set(['utc', 'gmt', 'uct', 'ut', 'zulu', 'universal', 'greenwich']);

/**
 * Why `text` is refused when it is a time-zone abbreviation, with the zones it probably means; undefined when it
 * is not one. Intl would take EST as America/Panama (no daylight saving) — an hour off half the year in New York.
 */
export function abbreviationProblem(text: string): string | undefined {
  if (!/^[A-Za-z]{2,5}$/.test(text) || OFFSET_NAMES.has(text.toLowerCase())) return undefined;
  const meant = ABBREVIATIONS[text.toLowerCase()];
  if (meant) {
    const options = meant.length === 1 ? meant[0] : `${meant.slice(0, -1).join(', ')} or ${meant.at(-1)}`;
    return `"${text}" is an abbreviation, not a time zone, and would miss daylight saving: did you mean ${options}?`;
  }
  // Lower-case short words may be cities (rome, lima): only capitals read as an abbreviation.
  if (text === text.toUpperCase()) {
    return `"${text}" looks like an abbreviation, not a time zone: use the IANA name of a place, such as Europe/Berlin, America/New_York or UTC`;
  }
  return undefined;
}
