declare module 'strapi-provider-upload-signed-local/signature' {
  export function signUrl(secret: string, url: string, ttlSeconds: number, now?: number): string;
  export function verifySignedPath(secret: string, path: string, exp: string | undefined, sig: string | undefined, now?: number): 'valid' | 'expired' | 'invalid';
}
