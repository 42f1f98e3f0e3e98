/** Staff accounts (admin): list, create, disable, enable, reset a password. */
import * as z from 'zod';
import { readJson, readQuery } from '../../lib/platform/http';
import { createUserSchema, resetPasswordSchema } from '../../lib/accounts/users';
import { pageBody, principalOf, type StaffDeps, type StaffHandlers } from '../context';
import { createUser, listUsers, resetUserPassword, setUserDisabled } from '../use-cases/users';
import { cursor } from './inputs';

export const listQuery = z.object({ cursor });

export const userRoutes = (deps: () => StaffDeps) =>
  ({
    listUsers: async (c) => c.json(pageBody(await listUsers(deps(), principalOf(c), readQuery(c, listQuery).cursor))),
    createUser: async (c) => {
      const { value } = await readJson(c, createUserSchema);
      return c.json({ user: await createUser(deps(), principalOf(c), value) }, 201);
    },
    disableUser: async (c) => c.json({ user: await setUserDisabled(deps(), principalOf(c), c.req.param('username'), true) }),
    enableUser: async (c) => c.json({ user: await setUserDisabled(deps(), principalOf(c), c.req.param('username'), false) }),
    resetPassword: async (c) => {
      const { value } = await readJson(c, resetPasswordSchema);
      return c.json({ user: await resetUserPassword(deps(), principalOf(c), c.req.param('username'), value.password) });
    },
  }) satisfies Partial<StaffHandlers>;
