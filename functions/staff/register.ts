/**
 * Every staff route, registered from the access table: for each entry its method and
 * path, the guard (token, then the entry's roles), the JSON body limit where the entry
 * reads a body, then the handler of the same name from its resource file (routes/).
 * A route in the table without a handler is a type error below; a handler the table
 * does not name is one in its resource file; a name handled twice stops the app from
 * being built (and fails test/functions/staff-routes.test.ts).
 */
import { Hono, type Handler, type MiddlewareHandler } from 'hono';
import { jsonBodyLimit } from '../lib/platform/http';
import { OPEN_ROUTES, STAFF_ROUTES, type RouteEntry } from './access';
import { guard, type StaffDeps, type StaffEnv, type StaffHandlers } from './context';
import { auditRoutes } from './routes/audit';
import { catchUpRoutes } from './routes/catch-up';
import { suggestionRoutes } from './routes/suggestions';
import { dailySummaryRoutes } from './routes/daily-summary';
import { integrationRoutes } from './routes/integrations';
import { orderRoutes } from './routes/orders';
import { receiptRoutes } from './routes/receipts';
import { registrationRoutes } from './routes/registration';
import { reportRoutes } from './routes/reports';
import { sessionRoutes } from './routes/session';
import { tallyRoutes } from './routes/tally';
import { taxDocumentRoutes } from './routes/tax-documents';
import { transactionRoutes } from './routes/transactions';
import { treasuryRoutes } from './routes/treasury';
import { userRoutes } from './routes/users';

/** The resource files, each handling some of the tables' routes; together, every route once. */
export const STAFF_RESOURCES = [sessionRoutes, orderRoutes, transactionRoutes, dailySummaryRoutes, receiptRoutes, tallyRoutes, auditRoutes, userRoutes, reportRoutes, taxDocumentRoutes, registrationRoutes, catchUpRoutes, suggestionRoutes, integrationRoutes, treasuryRoutes] as const;

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** What the resources handle together: a route of the tables missing from it is a type error in `staffHandlers`. */
type Handled = Intersection<ReturnType<(typeof STAFF_RESOURCES)[number]>>;

export function staffHandlers(deps: () => StaffDeps): StaffHandlers {
  const handlers: Record<string, unknown> = {};
  for (const resource of STAFF_RESOURCES) {
    for (const [name, handler] of Object.entries(resource(deps))) {
      if (name in handlers) throw new Error(`staff route ${name} is handled twice`);
      handlers[name] = handler;
    }
  }
  return handlers as Handled;
}

const entries = <R extends Record<string, RouteEntry>>(table: R) => Object.entries(table) as [keyof R & string, RouteEntry][];

export function staffRoutes(deps: () => StaffDeps): Hono<StaffEnv> {
  const handlers = staffHandlers(deps);
  const app = new Hono<StaffEnv>();
  const add = (route: RouteEntry, handler: Handler<StaffEnv>, ...before: MiddlewareHandler<StaffEnv>[]) => {
    const [first, ...rest]: Handler<StaffEnv>[] = [...before, ...(route.body === 'json' ? [jsonBodyLimit] : []), handler];
    app.on(route.method, route.path, first!, ...rest);
  };
  for (const [name, route] of entries(OPEN_ROUTES)) add(route, handlers[name] as Handler<StaffEnv>);
  for (const [name, route] of entries(STAFF_ROUTES)) add(route, handlers[name] as Handler<StaffEnv>, guard(deps, name));
  return app;
}
