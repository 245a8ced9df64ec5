import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

/**
 * Whether the browser holds a live session. Better Auth's get-session answers 200 with `null`
 * when it does not, where `/api/me` answers 401: asked first by the sign-in pages, whose every
 * signed-out visitor would otherwise see a failed request in the browser's console.
 */
export async function hasSession(): Promise<boolean> {
  return (await api.get<unknown>(paths.api.session)) !== null;
}
