/**
 * Time zones for dateTimeTimeZone values: Graph accepts IANA names and Windows names; we resolve
 * both to IANA and convert wall-clock times with Intl (no tz database of our own).
 */

/** Common Windows time zone names Graph accepts, mapped to IANA. */
const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  utc: 'UTC',
  'coordinated universal time': 'UTC',
  'greenwich standard time': 'Atlantic/Reykjavik',
  'gmt standard time': 'Europe/London',
  'w. europe standard time': 'Europe/Berlin',
  'romance standard time': 'Europe/Paris',
  'central europe standard time': 'Europe/Budapest',
  'e. europe standard time': 'Europe/Chisinau',
  'fle standard time': 'Europe/Kiev',
  'israel standard time': 'Asia/Jerusalem',
  'russian standard time': 'Europe/Moscow',
  'arabian standard time': 'Asia/Dubai',
  'india standard time': 'Asia/Kolkata',
  'china standard time': 'Asia/Shanghai',
  'singapore standard time': 'Asia/Singapore',
  'tokyo standard time': 'Asia/Tokyo',
  'aus eastern standard time': 'Australia/Sydney',
  'eastern standard time': 'America/New_York',
  'central standard time': 'America/Chicago',
  'mountain standard time': 'America/Denver',
  'pacific standard time': 'America/Los_Angeles',
  'alaskan standard time': 'America/Anchorage',
  'hawaiian standard time': 'Pacific/Honolulu',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The IANA zone for a Graph time zone name, or `undefined` when Graph would not support it. */
export function resolveTimeZone(name: string): string | undefined {
  const windows = WINDOWS_ZONES[name.trim().toLowerCase()];
  if (windows) return windows;
  if (name.trim() === '') return undefined;
  try {
    formatter(name);
    return name;
  } catch {
    return undefined;
  }
}

/** Wall-clock fields of an instant in a zone, as a UTC timestamp (the zone offset applied). */
function wallAsUtc(ms: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z)?$/;

/** Parses a Graph `dateTime` (no offset; a trailing Z is tolerated) as a UTC timestamp of its wall time. */
export function parseWallTime(dateTime: string): number | undefined {
  const m = DATE_TIME.exec(dateTime.trim());
  if (!m) return undefined;
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  const value = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0), ms);
  const check = new Date(value);
  return check.getUTCDate() === +m[3] && check.getUTCMonth() === +m[2] - 1 ? value : undefined;
}

/** The instant of a wall-clock time in a zone (IANA name). */
export function wallToInstant(wallMs: number, zone: string): number {
  if (zone === 'UTC') return wallMs;
  const offset = wallAsUtc(wallMs, zone) - wallMs;
  const guess = wallMs - offset;
  // A DST change between the guess and the wall time shifts the offset: correct once.
  const offset2 = wallAsUtc(guess, zone) - guess;
  return wallMs - offset2;
}

/** Formats an instant as Graph does: `YYYY-MM-DDTHH:mm:ss.fffffff` in the zone's wall time. */
export function formatInZone(ms: number, zone: string): string {
  const wall = zone === 'UTC' ? ms : wallAsUtc(ms, zone) + (ms % 1000);
  return `${new Date(wall).toISOString().slice(0, 23)}0000`;
}
