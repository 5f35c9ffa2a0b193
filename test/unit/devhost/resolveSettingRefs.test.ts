import { describe, expect, it } from 'vitest';
import { resolveSettingRefs } from '../../../devhost/resolveSettingRefs';

describe('resolveSettingRefs', () => {
  it('substitutes every %NAME% from the settings', () => {
    expect(resolveSettingRefs('%A%-x-%B%', { A: '1', B: '2' }, 'f')).toBe('1-x-2');
  });
  it('leaves text without references unchanged', () => {
    expect(resolveSettingRefs('0 */5 * * * *', {}, 'f')).toBe('0 */5 * * * *');
  });
  it.each([{ settings: {} }, { settings: { RECONCILE_SCHEDULE: '' } }])('names the missing setting and where it is used', ({ settings }) => {
    expect(() => resolveSettingRefs('%RECONCILE_SCHEDULE%', settings, 'Function "reconcile"')).toThrow(
      'Function "reconcile" refers to the app setting %RECONCILE_SCHEDULE%, which is not set',
    );
  });
});
