/** The staff API: login, the counter, the clerk's queue, receipts, the tally, audit, users and reports. */
import { Hono } from 'hono';
import { notFound, onError } from '../lib/platform/errors';
import { serverTiming } from '../lib/platform/server-timing';
import type { StaffDeps } from './context';
import { staffRoutes } from './register';

export function createStaffApp(deps: () => StaffDeps) {
  const app = new Hono().use('/api/*', serverTiming).route('/', staffRoutes(deps));
  app.onError(onError);
  app.notFound(notFound);
  return app;
}
