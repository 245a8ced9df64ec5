import type { ConnectionRow } from './connection-dto.ts';

/**
 * Whose time a connection's busy blocks take: its owner's, or the whole practice's (null) when
 * an admin said its other events block everyone (the clinic calendar's "Clinic closed").
 */
export function busyTimeHolder(
  connection: Pick<ConnectionRow, 'userId' | 'blocksWholePractice'>,
): string | null {
  return connection.blocksWholePractice ? null : connection.userId;
}
