/**
 * Every link to a portal page that leaves the server (e-mails, reset codes) is built here, with the paths of
 * the portal's own routes (portal/src/app.tsx): one place to change, tested by opening the links of real
 * e-mails in a browser (tests/e2e/admin-screens/mail-links.ts). Pure: no Strapi import.
 */

/**
 * The address users reach: PUBLIC_URL, else this instance on localhost at its own PORT (a `PORT=8080 npm run
 * develop` links to :8080, not to the default :1337).
 */
export function publicUrlOf(env: { PUBLIC_URL?: string; PORT?: string }): string {
  return (env.PUBLIC_URL || `http://localhost:${env.PORT || '1337'}`).replace(/\/+$/, '');
}

export function portalLinks(publicUrl: string) {
  const portal = `${publicUrl.replace(/\/+$/, '')}/portal`;
  return {
    home: () => `${portal}/`,
    /** A request's page, where the requester reads and answers it. */
    request: (documentId: string) => `${portal}/requests/${encodeURIComponent(documentId)}`,
    /** The page that takes a password-reset code, as users-permissions' reset-password endpoint expects it. */
    resetPassword: (code: string) => `${portal}/reset-password?code=${encodeURIComponent(code)}`,
  };
}
