import type { StuckCauseKind } from '../../domain/diagnosis/runDiagnosis';
import { arrayOf, dateTime, everyValue, int, object, openObject, str, stringEnum, type Schema } from './openApiSchemaKit';
import { ref } from './openApiSchemaNames';

// Schemas of the stuck-run diagnosis (issue 17) in the run detail and the preflight results in the fleet view.
// Mirrors src/domain/diagnosis/runDiagnosis.ts and src/app/preflight/storedPreflight.ts.

type DiagnosisSchemaName = 'RunDiagnosis' | 'StuckCause' | 'UnreadFact' | 'StoredPreflight';

const CAUSE_KINDS = everyValue<StuckCauseKind>()([
  'GateAwaitingApproval',
  'GateInconclusive',
  'GateExpiredHeld',
  'GatePendingNotOwned',
  'MemberPendingVersionNotInRegion',
  'MemberPendingMaintenanceWindow',
  'MemberPending',
  'MemberUpgradeSlow',
]);

export const diagnosisSchemas: Record<DiagnosisSchemaName, Schema> = {
  RunDiagnosis: object(
    {
      diagnosedAt: dateTime(),
      state: stringEnum(['progressing', 'stuck', 'finished', 'notStarted'], '`stuck`: something holds the run and nothing of it is in flight'),
      causes: arrayOf(ref('StuckCause')),
      inFlight: arrayOf(str(), 'What still moves: members upgrading within the expected time, gates measuring, after-stage waits'),
      unread: arrayOf(ref('UnreadFact'), 'Facts that could not be read'),
    },
    { lastProgressAt: dateTime('The latest moment anything in the run started, finished or changed phase'), stuckForMinutes: int(0, 'While stuck: whole minutes since lastProgressAt') },
    'Why the run is not progressing (active runs only).',
  ),
  StuckCause: object(
    {
      kind: stringEnum(CAUSE_KINDS, 'Stable cause kind'),
      subject: str('The gate display name or member name'),
      message: str(),
      evidence: openObject({}, {}, 'What was observed: the approval request, the checks and last measurement, Fleet\'s member message, the maintenance window, the Warning events'),
      fix: str('What to do'),
    },
    { since: dateTime(), until: dateTime('When it clears by itself (a window opening, an approval deadline), if known') },
  ),
  UnreadFact: object({ what: stringEnum(['maintenanceConfigurations', 'warningEvents']), subject: str(), error: str() }),
  StoredPreflight: object(
    { report: ref('PreflightReport'), configHash: str('SHA-256 of conductor.yaml as the preflight saw it'), trigger: stringEnum(['startup', 'configChanged', 'refresh']) },
    {},
    'The latest preflight run by the reconcile timer (at startup, after a configuration change, or when older than the refresh interval).',
  ),
};
