import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the library's default algorithm) with OWASP's baseline: 19 MiB of memory, 2 passes,
 * 1 lane. Memory-hard, so a leaked table costs an attacker memory per guess, not just GPU cycles.
 * The parameters live in each hash (PHC string), so raising them later keeps old hashes valid.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | null = null;

/**
 * Login with an unknown username still spends one verification on this decoy hash, so the answer
 * takes as long as a wrong password and response time does not reveal which usernames exist.
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy password that matches nothing');
  return decoy;
}
