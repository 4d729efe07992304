import { createRequire } from 'node:module';
import path from 'node:path';
import type { Core, Schema } from '@strapi/strapi';
import { contentTypes, validateYupSchema, yup } from '@strapi/utils';

type Data = Record<string, unknown>;
type Attribute = Schema.Attribute.AnyAttribute & { required?: boolean; unique?: boolean; default?: unknown; conditions?: unknown };
type AttributeValidator = (metas: { attr: Attribute }, options: { isDraft: boolean }) => yup.AnySchema;

/**
 * Strapi's own validators of each scalar attribute type (string, enumeration, email, …), exactly as its
 * entity validator builds them. @strapi/core exports neither them nor the validator's composition, and its
 * `exports` map forbids a subpath: the file is reached by its path. tests/unit/entity-validation.test.ts
 * fails if it moves, and tests/integration/entity-validation.test.ts compares every outcome with Strapi's.
 */
const coreDir = path.dirname(createRequire(__filename).resolve('@strapi/core/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const strapiScalarValidators = require(path.join(coreDir, 'dist', 'services', 'entity-validator', 'validators.js')).Validators as Record<string, AttributeValidator>;

/** Scalar types whose Strapi validator depends on the attribute and the options only (never on the data or the entry). */
const DATA_FREE_TYPES = new Set(['string', 'text', 'richtext', 'password', 'email', 'enumeration', 'boolean', 'json', 'integer', 'biginteger', 'float', 'decimal', 'date', 'time', 'datetime', 'timestamp']);
const LINK_TYPES = new Set(['relation', 'media']);

/**
 * The yup schema Strapi's entity validator builds for the creation of an entry of `model` (entity-validator's
 * createModelValidator with createAttributeValidator, addRequiredValidation and addDefault for 'creation'),
 * for an entry that names no relation and no media; null when the model has an attribute whose validator
 * would depend on the entry (unique values, uids, components, dynamic zones, blocks, conditional fields).
 */
function creationSchema(model: Schema.ContentType, isDraft: boolean): yup.AnySchema | null {
  const shape: Record<string, yup.AnySchema> = {};
  for (const name of contentTypes.getWritableAttributes(model as never)) {
    const attr = model.attributes[name] as Attribute;
    if (attr.conditions) return null;
    let validator: yup.AnySchema;
    if (LINK_TYPES.has(attr.type)) {
      // What Strapi builds for a relation or a media field given no value: yup.mixed(), kept uncast.
      validator = yup.mixed();
      if (attr.type === 'relation') validator = validator.transform((_value: unknown, original: unknown) => original);
    } else if (DATA_FREE_TYPES.has(attr.type) && !attr.unique) {
      validator = strapiScalarValidators[attr.type]({ attr }, { isDraft });
      validator = !isDraft && attr.required ? (validator as yup.AnySchema & { notNil(): yup.AnySchema }).notNil() : validator.nullable();
    } else {
      return null;
    }
    shape[name] = validator.default(attr.default as never);
  }
  return yup.object().shape(shape).required();
}

const schemas = new WeakMap<object, Map<boolean, yup.AnySchema | null>>();

/** The cached schema of a model's creations; null when Strapi's validator does every creation of it. */
export function cachedCreationSchema(model: Schema.ContentType, isDraft: boolean): yup.AnySchema | null {
  let byDraft = schemas.get(model);
  if (!byDraft) schemas.set(model, (byDraft = new Map()));
  if (!byDraft.has(isDraft)) byDraft.set(isDraft, creationSchema(model, isDraft));
  return byDraft.get(isDraft) ?? null;
}

/**
 * `strapi.entityValidator.validateEntityCreation`, with the content type's schema built once instead of
 * for every entry: Strapi rebuilds it attribute by attribute each time, cloning yup schemas at every step,
 * about 1.5 ms of a ticket's 9 ms of CPU (issue 17, CPU profile). The cached schema is used only where
 * Strapi's would be the same for any entry: an entry that names no relation nor media (else Strapi also
 * counts the linked records) of a model whose validators do not look at the entry. Anything else goes to
 * Strapi's validator itself.
 */
export async function validateCreation(strapi: Core.Strapi, uid: string, data: Data, options: { isDraft: boolean }): Promise<Data> {
  const model = strapi.contentType(uid as never) as Schema.ContentType;
  const namesLinks = Object.entries(model.attributes).some(([name, attribute]) => LINK_TYPES.has(attribute.type) && data?.[name] !== undefined && data?.[name] !== null);
  const schema = data !== null && typeof data === 'object' && !Array.isArray(data) && !namesLinks ? cachedCreationSchema(model, options.isDraft) : null;
  if (!schema) return (await strapi.entityValidator.validateEntityCreation(model as never, data as never, options)) as Data;
  return (await validateYupSchema(schema, { strict: false, abortEarly: false })(data)) as Data;
}
