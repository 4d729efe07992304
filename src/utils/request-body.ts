import { errors } from '@strapi/utils';
import { fieldValidationError } from '../access/field-errors';
import { asRoute, type KoaContext } from '../access/scoped-controller';

/** A file as Strapi's body parser (formidable) hands it over. */
export interface IncomingFile {
  filepath: string;
  originalFilename: string | null;
  mimetype: string | null;
  size: number;
}

/**
 * The `data` object of a JSON body ({ data: {...} }, or the object itself), or of a multipart body whose
 * `data` part is JSON, as Strapi's own upload endpoints accept it.
 */
export function requestData(ctx: KoaContext): Record<string, unknown> {
  const body = (asRoute(ctx).request.body ?? {}) as { data?: unknown };
  let data: unknown = body.data ?? body;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      throw fieldValidationError('data', 'data must be a JSON object');
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new errors.ValidationError('The body must be a JSON object: { "data": { ... } }');
  }
  return { ...(data as Record<string, unknown>) };
}

/** Every file of a multipart body, whatever its part name. */
export function requestFiles(ctx: KoaContext): IncomingFile[] {
  const files = (ctx.request as unknown as { files?: Record<string, IncomingFile | IncomingFile[]> }).files ?? {};
  return Object.values(files).flat();
}
