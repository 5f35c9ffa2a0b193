/**
 * Binding properties may name app settings as `%NAME%` (e.g. `schedule: '%RECONCILE_SCHEDULE%'`); the host
 * substitutes them from the app settings (locally: local.settings.json Values and the environment).
 */
export function resolveSettingRefs(text: string, settings: Readonly<Record<string, string | undefined>>, where: string): string {
  return text.replace(/%([^%]+)%/g, (_m, name: string) => {
    const value = settings[name];
    if (value === undefined || value === '') {
      throw new Error(`${where} refers to the app setting %${name}%, which is not set`);
    }
    return value;
  });
}
