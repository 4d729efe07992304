import { describe, expect, it } from 'vitest';
import { isCaptureName, captureName, resolveCaptureDir } from 'strapi-provider-email-capture/files';
import { deliveryLogLine, deliveryOf } from '../../src/plugins/notifications/server/src/rules/delivery';

const resolve = (dir: string | undefined) => resolveCaptureDir(dir, '/srv/spoc');

describe('where e-mail goes', () => {
  it('is the SMTP server whenever SMTP_HOST is set, in any environment, with its user and never its password', () => {
    const smtp = deliveryOf({ NODE_ENV: 'production', SMTP_HOST: 'smtp.example.it', SMTP_PORT: '587', SMTP_USER: 'spoc' }, resolve);
    expect(smtp).toEqual({ mode: 'smtp', host: 'smtp.example.it', port: 587, secure: false, user: 'spoc' });
    expect(deliveryLogLine(smtp)).toEqual({ level: 'info', text: 'E-mail: SMTP smtp.example.it:587 (user spoc)' });
    expect(deliveryOf({ SMTP_HOST: 'mx', SMTP_SECURE: 'true' }, resolve)).toMatchObject({ port: 465, secure: true, user: null });
    expect(deliveryLogLine(deliveryOf({ SMTP_HOST: 'mx' }, resolve)).text).toBe('E-mail: SMTP mx:25 (user none)');
  });

  it('is the capture folder in development without SMTP_HOST (an empty one counts as unset)', () => {
    expect(deliveryOf({ NODE_ENV: 'development', SMTP_HOST: '' }, resolve)).toEqual({ mode: 'capture', directory: '/srv/spoc/.tmp/mail' });
    const custom = deliveryOf({ MAIL_CAPTURE_DIR: 'var/mail' }, resolve);
    expect(custom).toEqual({ mode: 'capture', directory: '/srv/spoc/var/mail' });
    expect(deliveryLogLine(custom)).toEqual({ level: 'info', text: 'E-mail: captured in /srv/spoc/var/mail (development, no SMTP_HOST)' });
  });

  it('is nowhere in production without SMTP_HOST, and the log line is an error', () => {
    const missing = deliveryOf({ NODE_ENV: 'production', SMTP_HOST: '  ' }, resolve);
    expect(missing).toEqual({ mode: 'missing' });
    expect(deliveryLogLine(missing).level).toBe('error');
    expect(deliveryLogLine(missing).text).toMatch(/^E-mail: NOT CONFIGURED/);
  });
});

describe('names of captured messages', () => {
  it('sort by capture time and cannot leave the capture folder', () => {
    const first = captureName(new Date('2026-12-06T03:00:00.000Z'), 'abcd1234');
    const second = captureName(new Date('2026-12-06T03:00:00.001Z'), '00000000');
    expect(first).toBe('20261206T030000000Z-abcd1234.eml');
    expect([second, first].sort()).toEqual([first, second]);
    expect(isCaptureName(first)).toBe(true);
    for (const bad of ['../20261206T030000000Z-abcd1234.eml', '20261206T030000000Z-abcd1234.eml/..', '/etc/passwd', '..', '.20261206T030000000Z-abcd1234.eml.partial', 'x.eml'])
      expect(isCaptureName(bad)).toBe(false);
  });
});
