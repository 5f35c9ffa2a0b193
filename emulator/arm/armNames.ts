import { ArmError } from './armError';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Fleet child resource names: lowercase, digits, inner hyphens (docs/azure-apis.md §5). */
export function validateName(kind: string, name: string, maxLength = 50): void {
  if (name.length < 1 || name.length > maxLength || !NAME.test(name)) {
    throw new ArmError(
      400,
      'InvalidResourceName',
      `Resource name '${name}' for ${kind} is invalid. It must be 1-${maxLength} characters of lowercase letters, digits and inner hyphens and match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'.`,
    );
  }
}

export function validateGateName(name: string): void {
  if (!GUID.test(name)) {
    throw new ArmError(400, 'InvalidResourceName', `Gate name '${name}' is invalid. It must be a lowercase GUID.`);
  }
}

export function isValidName(name: string): boolean {
  return name.length >= 1 && name.length <= 50 && NAME.test(name);
}
