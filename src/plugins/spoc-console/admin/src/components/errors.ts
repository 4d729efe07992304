import { isFetchError } from '@strapi/strapi/admin';

export interface ApiProblem {
  status: number | null;
  message: string;
  /** The field a 400 names, when it names one. */
  field?: string;
  details?: unknown;
}

/** The server's error in Strapi's shape `{ error: { status, name, message, details } }`, for a page to show. */
export function apiProblem(error: unknown): ApiProblem {
  if (!isFetchError(error)) return { status: null, message: (error as Error)?.message ?? String(error) };
  const body = error.response?.data as { error?: { status?: number; message?: string; details?: Record<string, unknown> & { errors?: Array<{ path?: string[] }>; field?: string } } } | undefined;
  const details = body?.error?.details;
  return {
    status: body?.error?.status ?? error.status ?? null,
    message: body?.error?.message ?? error.message,
    field: details?.errors?.[0]?.path?.[0] ?? (typeof details?.field === 'string' ? details.field : undefined),
    details,
  };
}
