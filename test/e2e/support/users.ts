import { ApiClient, type TestSystem } from '#testing';

/** Logs in as a new user created by the admin, for role- and subtree-scoped requests. */
export async function userClient(system: TestSystem, unitCode: string, role: string, username: string): Promise<ApiClient> {
  const password = 'e2e-user-password';
  await system.api.post('/api/users', { username, password, fullName: username, unitCode, role });
  const client = new ApiClient(system.baseUrl);
  await client.login(username, password);
  return client;
}
