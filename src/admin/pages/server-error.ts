import { isFetchError } from '@strapi/strapi/admin';

/** The server's error, for a settings page to show: its message, and the field it names when it names one. */
export function serverError(error: unknown): { message: string; field?: string } {
  if (!isFetchError(error)) return { message: (error as Error).message };
  const body = error.response?.data as { error?: { message?: string; details?: { errors?: Array<{ path?: string[] }> } } } | undefined;
  return { message: body?.error?.message ?? error.message, field: body?.error?.details?.errors?.[0]?.path?.[0] };
}
