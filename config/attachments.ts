import { DEFAULT_BLOCKED_TYPES } from '../src/api/ticket/attachment-policy';

/**
 * Files attached through the portal and REST (tickets, follow-ups). The size limit is the upload plugin's
 * (UPLOAD_SIZE_LIMIT); the type policy is the one the e-mail intake applies too, read on the bytes, never on the name.
 */
export default ({ env }: { env: { int(name: string, fallback: number): number; array(name: string, fallback: string[]): string[] } }) => ({
  maxFiles: env.int('ATTACHMENT_MAX_FILES', 10),
  blockedTypes: env.array('ATTACHMENT_BLOCKED_TYPES', DEFAULT_BLOCKED_TYPES).map((type) => type.toLowerCase()),
});
