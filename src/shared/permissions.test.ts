import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, PERMISSIONS, permissionsOf } from './permissions';
import { ROLES } from './roles';

describe('permissionsOf', () => {
  it('gives each role exactly the permissions the table grants it, in the table’s order', () => {
    for (const role of ROLES) {
      expect(permissionsOf(role)).toEqual(ALL_PERMISSIONS.filter((p) => (PERMISSIONS[p].roles as readonly string[]).includes(role)));
    }
    expect(permissionsOf('office')).toContain('result.read');
    expect(permissionsOf('auditor')).not.toContain('result.read');
  });

  it('hands out a list of the caller’s own: changing it changes no later answer', () => {
    const before = [...permissionsOf('office')];
    permissionsOf('office').length = 0;
    permissionsOf('office').push('org.manage');
    expect(permissionsOf('office')).toEqual(before);
  });
});
