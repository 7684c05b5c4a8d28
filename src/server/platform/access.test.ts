import { describe, expect, it } from 'vitest';
import { inScope, scopePaths, requireRegion, type Actor } from './access.js';
import { AppError } from './errors.js';

const actor = (scopes: { path: string; capture: boolean }[], role: Actor['role'] = 'township_cadre'): Actor =>
  ({ userId: 'u', username: 'u', displayName: 'u', role, organizationId: null, scopes, ip: null });

describe('region scopes', () => {
  const duoba = actor([{ path: '630106/630106105', capture: true }]);

  it('covers a region and everything under it, and nothing beside it', () => {
    expect(inScope(duoba, '630106/630106105')).toBe(true);
    expect(inScope(duoba, '630106/630106105/630106105001/630106105001001')).toBe(true);
    expect(inScope(duoba, '630106/630106102')).toBe(false);
    expect(inScope(duoba, '630106')).toBe(false);
    // A code that merely starts with the same digits is a sibling, not a child.
    expect(inScope(actor([{ path: '630106/63010610', capture: true }]), '630106/630106105')).toBe(false);
  });

  it('separates viewing from capture', () => {
    const viewer = actor([{ path: '630106', capture: false }]);
    expect(inScope(viewer, '630106/630106105', 'view')).toBe(true);
    expect(inScope(viewer, '630106/630106105', 'capture')).toBe(false);
  });

  it('narrows a request above the scope to the scope inside it, and refuses one beside it', () => {
    expect(scopePaths(duoba, '630106')).toEqual(['630106/630106105']);
    expect(scopePaths(duoba, '630106/630106105/630106105001')).toEqual(['630106/630106105/630106105001']);
    expect(() => scopePaths(duoba, '630106/630106102')).toThrow(AppError);
  });

  it('drops scopes already covered by a wider one', () => {
    const both = actor([{ path: '630106/630106105', capture: true }, { path: '630106/630106105/630106105001', capture: true }]);
    expect(scopePaths(both)).toEqual(['630106/630106105']);
  });

  it('refuses with OUT_OF_SCOPE naming the region', () => {
    try {
      requireRegion(duoba, '630106/630106102');
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).code).toBe('OUT_OF_SCOPE');
      expect((err as AppError).details).toEqual({ region: '630106102' });
    }
  });
});
