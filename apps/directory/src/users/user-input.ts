import { ROLES, type CreateUserRequest, type FieldError, type Role, type UpdateUserRequest } from '#contracts';
import { normaliseName } from '../units/search-key.js';

export const MIN_PASSWORD_LENGTH = 8;
/** argon2 hashes anything, but a megabyte "password" is a cheap way to burn server CPU. */
const MAX_PASSWORD_LENGTH = 256;
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** Usernames are matched case-insensitively: stored lower-case, looked up lower-case. */
export function normaliseUsername(username: unknown): string {
  return typeof username === 'string' ? username.normalize('NFC').trim().toLowerCase() : '';
}

export interface NewUser {
  username: string;
  password: string;
  fullName: string;
  unitCode: string;
  role: Role;
  email: string | null;
}

/** Deliberately loose (one @, a dot in the domain, no spaces): the mail server is the real judge. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 254;

/** An e-mail address as stored: trimmed, `''`/null/undefined meaning none; undefined if invalid. */
export function normaliseEmail(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return undefined;
  const email = value.normalize('NFC').trim();
  if (!email) return null;
  return email.length <= MAX_EMAIL_LENGTH && EMAIL.test(email) ? email : undefined;
}

const EMAIL_MESSAGE = 'Địa chỉ e-mail không hợp lệ';

/** Every field problem at once, like the import: a form can show them all. */
export function validateNewUser(request: Partial<CreateUserRequest>): { user: NewUser; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const username = normaliseUsername(request.username);
  if (!USERNAME.test(username)) {
    errors.push({
      path: 'username',
      message: 'Tên đăng nhập gồm 3–64 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang',
    });
  }
  const password = typeof request.password === 'string' ? request.password : '';
  if (password.length < MIN_PASSWORD_LENGTH) {
    errors.push({ path: 'password', message: `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự` });
  } else if (password.length > MAX_PASSWORD_LENGTH) {
    errors.push({ path: 'password', message: `Mật khẩu dài quá ${MAX_PASSWORD_LENGTH} ký tự` });
  }
  const fullName = typeof request.fullName === 'string' ? normaliseName(request.fullName) : '';
  if (!fullName) errors.push({ path: 'fullName', message: 'Họ và tên không được để trống' });
  const unitCode = typeof request.unitCode === 'string' ? request.unitCode.trim() : '';
  if (!unitCode) errors.push({ path: 'unitCode', message: 'Mã đơn vị không được để trống' });
  const role = request.role as Role;
  if (!ROLES.includes(role)) errors.push({ path: 'role', message: `Vai trò phải là một trong: ${ROLES.join(', ')}` });
  const email = normaliseEmail(request.email);
  if (email === undefined) errors.push({ path: 'email', message: EMAIL_MESSAGE });
  return { user: { username, password, fullName, unitCode, role, email: email ?? null }, errors };
}

/** The changes an update asks for: only the fields present, validated like a new user's. */
export interface UserChanges {
  fullName?: string;
  email?: string | null;
  role?: Role;
  active?: boolean;
}

export function validateUserChanges(request: Partial<UpdateUserRequest>): { changes: UserChanges; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const changes: UserChanges = {};
  if (request.fullName !== undefined) {
    const fullName = typeof request.fullName === 'string' ? normaliseName(request.fullName) : '';
    if (!fullName) errors.push({ path: 'fullName', message: 'Họ và tên không được để trống' });
    else changes.fullName = fullName;
  }
  if (request.email !== undefined) {
    const email = normaliseEmail(request.email);
    if (email === undefined) errors.push({ path: 'email', message: EMAIL_MESSAGE });
    else changes.email = email;
  }
  if (request.role !== undefined) {
    if (!ROLES.includes(request.role)) errors.push({ path: 'role', message: `Vai trò phải là một trong: ${ROLES.join(', ')}` });
    else changes.role = request.role;
  }
  if (request.active !== undefined) {
    if (typeof request.active !== 'boolean') errors.push({ path: 'active', message: 'Trạng thái phải là true hoặc false' });
    else changes.active = request.active;
  }
  return { changes, errors };
}
