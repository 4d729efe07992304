/**
 * Where e-mail goes, decided once from the environment: an SMTP server when SMTP_HOST is set; in
 * development without one, a capture folder (nothing fails, everything can be read in the admin panel);
 * in production without one, nowhere, which boot and the E-mail page say loudly. Pure: no Strapi import.
 */
export type MailDelivery =
  | { mode: 'smtp'; host: string; port: number; secure: boolean; user: string | null }
  | { mode: 'capture'; directory: string }
  | { mode: 'missing' };

export interface DeliveryEnv {
  NODE_ENV?: string;
  SMTP_HOST?: string;
  SMTP_PORT?: string;
  SMTP_SECURE?: string;
  SMTP_USER?: string;
  MAIL_CAPTURE_DIR?: string;
}

/** `captureDirectory` turns MAIL_CAPTURE_DIR (unset: the capture provider's default) into the folder used. */
export function deliveryOf(env: DeliveryEnv, captureDirectory: (dir: string | undefined) => string): MailDelivery {
  const host = env.SMTP_HOST?.trim();
  if (host) {
    const secure = env.SMTP_SECURE === 'true';
    const port = Number.parseInt(env.SMTP_PORT ?? '', 10);
    return { mode: 'smtp', host, port: Number.isFinite(port) ? port : secure ? 465 : 25, secure, user: env.SMTP_USER?.trim() || null };
  }
  if (env.NODE_ENV === 'production') return { mode: 'missing' };
  return { mode: 'capture', directory: captureDirectory(env.MAIL_CAPTURE_DIR?.trim() || undefined) };
}

/** The boot log's line: where e-mail goes (never the password), and whether that is an error. */
export function deliveryLogLine(delivery: MailDelivery): { level: 'info' | 'error'; text: string } {
  switch (delivery.mode) {
    case 'smtp':
      return { level: 'info', text: `E-mail: SMTP ${delivery.host}:${delivery.port}${delivery.secure ? ' (TLS)' : ''} (user ${delivery.user ?? 'none'})` };
    case 'capture':
      return { level: 'info', text: `E-mail: captured in ${delivery.directory} (development, no SMTP_HOST)` };
    case 'missing':
      return {
        level: 'error',
        text: 'E-mail: NOT CONFIGURED. SMTP_HOST is not set in production: no e-mail is delivered; messages wait in the outbox until SMTP_HOST is set and the server restarted',
      };
  }
}
