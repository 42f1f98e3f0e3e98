/** The staff surface is registered from the access table: every route has one handler, in one resource file. */
import { describe, expect, it } from 'vitest';
import { OPEN_ROUTES, STAFF_ROUTES } from '../../functions/staff/access';
import type { StaffDeps } from '../../functions/staff/context';
import { STAFF_RESOURCES, staffHandlers } from '../../functions/staff/register';

// Handlers read their dependencies per request; building them must not.
const noDeps = (): StaffDeps => {
  throw new Error('deps read while registering');
};

describe('staff routes from the access table', () => {
  it('the resource files handle exactly the routes of the tables, each once', () => {
    const handled = STAFF_RESOURCES.flatMap((resource) => Object.keys(resource(noDeps)));
    expect([...handled].sort()).toEqual([...Object.keys(OPEN_ROUTES), ...Object.keys(STAFF_ROUTES)].sort());
  });

  it('every handler is a function, and a path is written once (no two routes share method and path)', () => {
    const handlers = staffHandlers(noDeps);
    for (const name of Object.keys(handlers) as (keyof typeof handlers)[]) expect(typeof handlers[name]).toBe('function');
    const routes = [...Object.values(OPEN_ROUTES), ...Object.values(STAFF_ROUTES)].map((r) => `${r.method} ${r.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });
});
