/** Session: signing in (the one open route) and who the token says one is. */
import { clientIp } from '../../lib/platform/client-ip';
import { readJson } from '../../lib/platform/http';
import { loginSchema } from '../../lib/accounts/users';
import { principalOf, sessionOf, type StaffDeps, type StaffHandlers } from '../context';
import { auditedLogin } from '../use-cases/session';
import type { StaffSessionView } from '../../../shared/views';

export const sessionRoutes = (deps: () => StaffDeps) =>
  ({
    login: async (c) => {
      const { value } = await readJson(c, loginSchema);
      return c.json((await auditedLogin(deps(), { ...value, clientIp: clientIp(c) })) satisfies StaffSessionView);
    },
    me: (c) => c.json(sessionOf(principalOf(c))),
  }) satisfies Partial<StaffHandlers>;
