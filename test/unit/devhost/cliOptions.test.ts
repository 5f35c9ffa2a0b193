import { describe, expect, it } from 'vitest';
import { parseCliOptions, UsageError } from '../../../devhost/cliOptions';
import { rebaseSettings, rebaseUrl, defaultOrigins } from '../../../devhost/rebaseLocalUrls';

describe('npm start options', () => {
  it('defaults: the story on the default ports, its own speed', () => {
    expect(parseCliOptions([])).toEqual({ help: false, story: true, exitAfterStory: false, interactive: false, scenario: 'demo-story', port: 7071, emulatorPort: 9443, speed: undefined, logFile: undefined, dataDir: undefined, only: undefined });
  });

  it('--data keeps the tables; --world-only and --host-only split the world from the host', () => {
    expect(parseCliOptions(['--data', '/tmp/w'])).toMatchObject({ dataDir: '/tmp/w', only: undefined, story: true });
    expect(parseCliOptions(['--data', '/tmp/w', '--world-only'])).toMatchObject({ dataDir: '/tmp/w', only: 'world' });
    expect(parseCliOptions(['--host-only', '--data=/tmp/w'])).toMatchObject({ dataDir: '/tmp/w', only: 'host' });
  });

  it.each([
    [['--port', '70000'], '--port must be a port number (0-65535), got "70000"'],
    [['--emulator-port', 'x'], '--emulator-port must be a port number (0-65535), got "x"'],
    [['--speed=-1'], '--speed must be a number ≥ 0, got "-1"'],
    [['--no-story', '--exit-after-story'], '--no-story cannot be combined with --exit-after-story or --interactive'],
    [['--host-only'], "--host-only needs --data <dir> (where the world's address file is kept)"],
    [['--world-only', '--host-only', '--data', 'd'], '--world-only and --host-only start different halves; give one'],
    [['--world-only', '--data', 'd', '--exit-after-story'], '--world-only plays no story; leave out --exit-after-story and --interactive'],
    [['--data', ' '], '--data needs a directory'],
  ])('%j → %s', (argv, message) => {
    expect(() => parseCliOptions(argv)).toThrow(new UsageError(message));
  });

  it('an unknown option or a stray argument is a usage error of one line', () => {
    for (const argv of [['--verbose'], ['demo']]) {
      try {
        parseCliOptions(argv);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        expect((error as Error).message).not.toContain('\n');
      }
    }
  });
});

describe('local URLs follow the actual ports', () => {
  const moves = [
    { from: defaultOrigins(7071), to: 'http://127.0.0.1:7571' },
    { from: defaultOrigins(9443), to: 'https://127.0.0.1:9743' },
  ];

  it('moves every value that starts with a default origin, and nothing else', () => {
    expect(
      rebaseSettings(
        {
          APP_BASE_URL: 'http://localhost:7071',
          TEAMS_APPROVALS_URL: 'https://127.0.0.1:9443/teams/workflows/approvals',
          SUB: 'http://127.0.0.1:7071/runtime/webhooks/eventgrid?functionName=onAksEvent',
          OTHER: 'http://127.0.0.1:70710/x',
          REAL: 'https://management.azure.com',
        },
        moves,
      ),
    ).toEqual({
      APP_BASE_URL: 'http://127.0.0.1:7571',
      TEAMS_APPROVALS_URL: 'https://127.0.0.1:9743/teams/workflows/approvals',
      SUB: 'http://127.0.0.1:7571/runtime/webhooks/eventgrid?functionName=onAksEvent',
      OTHER: 'http://127.0.0.1:70710/x',
      REAL: 'https://management.azure.com',
    });
    expect(rebaseUrl('http://localhost:7071/api', [])).toBe('http://localhost:7071/api');
  });
});
