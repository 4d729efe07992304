declare module 'strapi-provider-upload-signed-local/signature' {
  export function signUrl(secret: string, url: string, ttlSeconds: number, now?: number): string;
  export function verifySignedPath(secret: string, path: string, exp: string | undefined, sig: string | undefined, now?: number): 'valid' | 'expired' | 'invalid';
}

declare module 'strapi-provider-upload-signed-local/files' {
  export const FILE_URL_PREFIX: '/api/files/';
  export const DEFAULT_UPLOADS_DIR: string;
  export function isFileKey(key: string): boolean;
  export function safeExtension(ext: string | undefined): string;
  export function fileKeyOfUrl(url: string | undefined): string | null;
  export function resolveUploadsDir(dir: string | undefined, root: string): string;
}
