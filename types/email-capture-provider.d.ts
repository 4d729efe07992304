declare module 'strapi-provider-email-capture/files' {
  export const DEFAULT_CAPTURE_DIR: string;
  export function isCaptureName(name: string): boolean;
  export function captureName(date: Date, random: string): string;
  export function resolveCaptureDir(dir: string | undefined, root: string): string;
}
