/**
 * An AKS planned-maintenance window as `managedClusters/maintenanceConfigurations` carries it
 * (`properties.maintenanceWindow`, api-version 2023-05-01 and later; azure-rest-api-specs
 * specification/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/…/managedClusters.json,
 * `MaintenanceWindow` and `Schedule`). Exactly one schedule kind is set.
 */
export interface MaintenanceWindow {
  readonly schedule: {
    readonly daily?: { readonly intervalDays: number };
    readonly weekly?: { readonly intervalWeeks: number; readonly dayOfWeek: string };
    readonly absoluteMonthly?: { readonly intervalMonths: number; readonly dayOfMonth: number };
    readonly relativeMonthly?: { readonly intervalMonths: number; readonly weekIndex: string; readonly dayOfWeek: string };
  };
  readonly durationHours: number;
  /** `+05:30`, `-07:00`; default `+00:00`. */
  readonly utcOffset?: string;
  /** `YYYY-MM-DD`: the schedule counts its intervals from here and is not in effect before it. */
  readonly startDate?: string;
  /** `HH:mm`, local to utcOffset. */
  readonly startTime: string;
  readonly notAllowedDates?: readonly { readonly start: string; readonly end: string }[];
}

export interface MaintenanceConfiguration {
  /** `aksManagedAutoUpgradeSchedule` (Kubernetes upgrades) or `aksManagedNodeOSUpgradeSchedule` (node images). */
  readonly name: string;
  readonly maintenanceWindow?: MaintenanceWindow;
}

const DAY_MS = 86_400_000;
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEK_INDEX: Record<string, number> = { first: 0, second: 1, third: 2, fourth: 3 };

function offsetMs(utcOffset: string | undefined): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(utcOffset ?? '+00:00');
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/** Days since the epoch of a `YYYY-MM-DD` (or an ISO instant's date part). */
const dayNumber = (date: string): number => Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS);
const dateOf = (day: number): Date => new Date(day * DAY_MS);

function monthsBetween(a: Date, b: Date): number {
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}

/** Whether the schedule has an occurrence starting on local day `day` (days since the epoch). */
function occursOn(w: MaintenanceWindow, day: number): boolean {
  const start = w.startDate ? dayNumber(w.startDate) : undefined;
  if (start !== undefined && day < start) return false;
  const d = dateOf(day);
  const { daily, weekly, absoluteMonthly, relativeMonthly } = w.schedule;
  if (daily) return start === undefined || (day - start) % Math.max(1, daily.intervalDays) === 0;
  if (weekly) {
    if (DAYS[d.getUTCDay()] !== weekly.dayOfWeek.toLowerCase()) return false;
    return start === undefined || Math.floor((day - start) / 7) % Math.max(1, weekly.intervalWeeks) === 0;
  }
  const monthOk = (interval: number): boolean => start === undefined || monthsBetween(dateOf(start), d) % Math.max(1, interval) === 0;
  if (absoluteMonthly) return d.getUTCDate() === absoluteMonthly.dayOfMonth && monthOk(absoluteMonthly.intervalMonths);
  if (relativeMonthly) {
    if (DAYS[d.getUTCDay()] !== relativeMonthly.dayOfWeek.toLowerCase() || !monthOk(relativeMonthly.intervalMonths)) return false;
    const index = relativeMonthly.weekIndex.toLowerCase();
    if (index === 'last') return dateOf(day + 7).getUTCMonth() !== d.getUTCMonth();
    return Math.floor((d.getUTCDate() - 1) / 7) === WEEK_INDEX[index];
  }
  return false;
}

function notAllowed(w: MaintenanceWindow, day: number): boolean {
  return (w.notAllowedDates ?? []).some((r) => day >= dayNumber(r.start) && day <= dayNumber(r.end));
}

/**
 * Whether the window is open at `at` (ISO), and when it next opens if not. Occurrences on not-allowed dates are
 * skipped. `nextOpeningAt` is looked for within 400 days; undefined when none (e.g. every date is excluded).
 */
export function windowAt(w: MaintenanceWindow, at: string): { readonly open: boolean; readonly nextOpeningAt?: string } {
  const offset = offsetMs(w.utcOffset);
  const atMs = Date.parse(at);
  const localDay = Math.floor((atMs + offset) / DAY_MS);
  const [hh = '0', mm = '0'] = w.startTime.split(':');
  const startOfDayMs = (Number(hh) * 60 + Number(mm)) * 60_000;
  const occurrenceStart = (day: number): number => day * DAY_MS + startOfDayMs - offset;
  const durationMs = w.durationHours * 3_600_000;
  for (let day = localDay - Math.ceil(w.durationHours / 24) - 1; day <= localDay; day++) {
    if (!occursOn(w, day) || notAllowed(w, day)) continue;
    const s = occurrenceStart(day);
    if (atMs >= s && atMs < s + durationMs) return { open: true };
  }
  for (let day = localDay; day <= localDay + 400; day++) {
    if (!occursOn(w, day) || notAllowed(w, day)) continue;
    const s = occurrenceStart(day);
    if (s > atMs) return { open: false, nextOpeningAt: new Date(s).toISOString() };
  }
  return { open: false };
}
