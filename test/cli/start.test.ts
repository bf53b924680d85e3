import { errorEntry } from '../../Packs/Base/Scripts/CommonServer/entries';
import { main as integrationMain } from '../../Integrations/MicrosoftGraphCalendar/MicrosoftGraphCalendar';
import { AUTH_MODES, main } from '../../scripts/start';

const PLAYBOOK = [
  'test-module',
  'msgraph-calendar-list-calendars',
  'msgraph-calendar-create-event',
  'msgraph-calendar-get-event',
  'msgraph-calendar-update-event',
  'msgraph-calendar-list-events',
  'msgraph-calendar-delete-event',
];

describe('npm start', () => {
  it('runs test-module and the upstream test playbook in every authentication mode, all ok', async () => {
    let output = '';
    const summary = await main({ write: (t) => (output += t) });

    expect(summary.outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(summary.outcomes.map((o) => `${o.mode} ${o.command}`)).toEqual(
      AUTH_MODES.flatMap((m) => PLAYBOOK.map((c) => `${m.key} ${c}`)),
    );
    for (const mode of AUTH_MODES) expect(output).toContain(`===== ${mode.title} =====`);
    expect(output).toContain('!msgraph-calendar-list-events filter_by="startswith(subject,\'updated\')"');
    expect(output).toContain('Event was deleted successfully.');
    expect(output).toMatch(/\nSummary: 35\/35 steps succeeded in 5 authentication modes \([\d.]+ s\)\.\n$/);
    // No token (JWTs start with eyJ) and no key material in the War Room output.
    expect(output).not.toMatch(/eyJ[\w-]{10,}/);
    expect(output).not.toContain('PRIVATE KEY');
  });

  it('reports a failed step, skips the steps that needed its values and is not ok', async () => {
    let output = '';
    const summary = await main({
      write: (t) => (output += t),
      integration: (runtime, deps) =>
        runtime.command === 'msgraph-calendar-create-event' &&
        runtime.serverInfo.instanceName === 'certificate'
          ? Promise.resolve([errorEntry('Error in API call [500] - Internal Server Error\n{}')])
          : integrationMain(runtime, deps),
    });

    expect(summary.ok).toBe(false);
    const failed = summary.outcomes.filter((o) => !o.ok).map((o) => `${o.mode} ${o.command}: ${o.problem}`);
    expect(failed).toEqual([
      'certificate msgraph-calendar-create-event: Error in API call [500] - Internal Server Error {}',
      'certificate msgraph-calendar-get-event: no event id from create-event',
      'certificate msgraph-calendar-update-event: no event id from create-event',
      'certificate msgraph-calendar-list-events: the updated event is not listed',
      'certificate msgraph-calendar-delete-event: no MSGraphCalendar.ID from update-event',
    ]);
    expect(output).toContain('=> FAILED: Error in API call [500] - Internal Server Error {}');
    expect(output).toMatch(
      /Summary: 30\/35 steps succeeded .*; failed: certificate\/msgraph-calendar-create-event, /,
    );
  });
});
