/** The staff API: login, the counter, the clerk's queue, receipts, audit and users. */
import { Hono } from 'hono';
import { notFound, onError } from '../lib/platform/errors';
import type { StaffDeps } from './context';
import { reportRoutes } from './reports';
import { staffRoutes } from './routes';

export function createStaffApp(deps: () => StaffDeps) {
  const app = new Hono().route('/api', staffRoutes(deps)).route('/api', reportRoutes(deps));
  app.onError(onError);
  app.notFound(notFound);
  return app;
}
