import { ROLES, type CreateUserRequest, type FieldError, type Role } from '#contracts';
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
}

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
  return { user: { username, password, fullName, unitCode, role }, errors };
}
