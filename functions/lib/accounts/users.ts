/**
 * Staff accounts, what they are: who may log in, with which role and for which agency; the
 * views that leave the password hash behind; and the schemas of the account operations'
 * input (the admin routes and `npm run user`).
 */
import * as z from 'zod';
import { bilingual, zodDetails } from '../../../shared/errors';
import { passwordSchema } from '../auth/passwords';
import { agencyFitsRole, STAFF_ROLES, type StaffRole } from '../auth/tokens';
import { ApiError } from '../platform/errors';

export { STAFF_ROLES, AREA_WIDE_ROLES, DISTRICT_WIDE_ROLES, type StaffRole } from '../auth/tokens';

export interface StaffUser {
  /** Normalised: lowercase, [a-z0-9._-]{3,32}. */
  username: string;
  role: StaffRole;
  /**
   * Required for clerk and volunteer (the one agency they act for). For admin and leader,
   * the root of their scope (a province: the province and its communes); absent: every agency.
   */
  agencyId?: string;
  displayName: string;
  /** scrypt$N$r$p$salt$hash (auth/passwords.ts); never leaves this module in a view. */
  passwordHash: string;
  disabled: boolean;
  /** Copied into every token; bumping it (password reset, disable) kills the tokens already issued. */
  tokenVersion: number;
  createdAt: string;
  updatedAt: string;
  passwordChangedAt: string;
  /** Who created the account (a username, or "cli" / "seed"). */
  createdBy?: string;
  /** Optimistic lock: every save is conditional on the version read. */
  version: number;
}

/** A user as shown and audited: everything but the password hash. */
export type StaffUserView = Omit<StaffUser, 'passwordHash'>;

export function userView(user: StaffUser): StaffUserView {
  const { passwordHash: _hash, ...view } = user;
  return view;
}

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;

/** Trimmed and lowercased; undefined when it cannot be a username. */
export function normaliseUsername(raw: string): string | undefined {
  const name = raw.trim().toLowerCase();
  return USERNAME_PATTERN.test(name) ? name : undefined;
}

export const usernameSchema = z
  .string(bilingual('Tên đăng nhập phải là chuỗi ký tự.', 'The username must be a string.'))
  .trim()
  .toLowerCase()
  .regex(USERNAME_PATTERN, bilingual('Tên đăng nhập dài 3–32 ký tự, chỉ gồm chữ thường không dấu, số và . _ -', 'A username is 3–32 characters: lowercase letters, digits and . _ -'));

const agencyIdSchema = z
  .string(bilingual('Mã cơ quan phải là chuỗi ký tự.', 'The agency id must be a string.'))
  .trim()
  .min(1)
  .max(64);

export const createUserSchema = z
  .strictObject({
    username: usernameSchema,
    role: z.enum(STAFF_ROLES, bilingual('Vai trò phải là admin, clerk, volunteer hoặc leader.', 'The role must be admin, clerk, volunteer or leader.')),
    agencyId: agencyIdSchema.optional(),
    displayName: z.string().trim().min(1).max(100).optional(),
    password: passwordSchema,
  })
  .superRefine((input, ctx) => {
    if (!agencyFitsRole(input.role, input.agencyId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['agencyId'],
        message: bilingual('Cán bộ một cửa và tình nguyện viên phải thuộc một cơ quan.', 'A clerk or volunteer must belong to an agency.'),
      });
    }
    if (input.password.trim().toLowerCase() === input.username) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: bilingual('Mật khẩu không được trùng tên đăng nhập.', 'The password must differ from the username.') });
    }
  });
export type CreateUserInput = z.input<typeof createUserSchema>;

export const resetPasswordSchema = z.strictObject({ password: passwordSchema });
export const setDisabledSchema = z.strictObject({
  disabled: z.boolean(bilingual('"disabled" phải là true hoặc false.', '"disabled" must be true or false.')),
});

/** The login body. Only sizes are checked: a wrong-looking username is just an unknown one. */
export const loginSchema = z.strictObject({
  username: z.string().max(64),
  password: z.string().max(1024),
});


/** The input, parsed, or ApiError VALIDATION_FAILED with the details. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ApiError('VALIDATION_FAILED', zodDetails(parsed.error));
  return parsed.data;
}
