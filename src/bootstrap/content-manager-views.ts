/**
 * Applies src/content-manager-views/views.ts to the Content Manager's view configuration at every boot,
 * through the Content Manager's own services, key by key as merge.ts decides (an administrator's later
 * changes are kept). What was applied is remembered in the core store, one entry per content type.
 */
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Core } from '@strapi/strapi';
import { CONTENT_MANAGER_VIEWS } from '../content-manager-views/views';
import { desiredValues, mergeView, type ViewConfiguration, type ViewValues } from '../content-manager-views/merge';

/** The Content Manager's form of a content type (what its `content-types` service returns). */
interface ContentManagerModel {
  uid: string;
  attributes: Record<string, { type: string; customField?: string }>;
}

interface ContentTypesService {
  findContentType(uid: string): ContentManagerModel | undefined;
  findConfiguration(model: ContentManagerModel): Promise<ViewConfiguration & { uid: string }>;
  updateConfiguration(model: ContentManagerModel, configuration: ViewConfiguration): Promise<unknown>;
}

interface FieldSizesService {
  getFieldSize(type: string): { default: number };
}

/** Where we remember what we applied (`app_spoc-desk_content-manager-view::<uid>` in `strapi_core_store_settings`). */
const storeKey = (uid: string) => `content-manager-view::${uid}`;

export async function applyContentManagerViews(strapi: Core.Strapi): Promise<void> {
  const contentManager = strapi.plugin('content-manager');
  const contentTypes = contentManager.service('content-types') as ContentTypesService;
  const fieldSizes = contentManager.service('field-sizes') as FieldSizesService;
  const store = strapi.store({ type: 'app', name: 'spoc-desk' });
  for (const [uid, view] of Object.entries(CONTENT_MANAGER_VIEWS)) {
    const model = contentTypes.findContentType(uid);
    if (!model) continue;
    const { uid: _uid, ...current } = await contentTypes.findConfiguration(model);
    const applied = ((await store.get({ key: storeKey(uid) })) ?? {}) as ViewValues;
    const result = mergeView({
      current,
      generated: await generatedConfiguration(model),
      applied,
      desired: desiredValues(view, (field) => fieldSizes.getFieldSize(model.attributes[field].type).default),
    });
    if (result.changed.length > 0) await contentTypes.updateConfiguration(model, result.configuration);
    if (!isDeepStrictEqual(result.applied, applied)) await store.set({ key: storeKey(uid), value: result.applied });
    if (result.kept.length > 0) strapi.log.debug(`Content Manager view of ${uid}: kept the administrator's ${result.kept.join(', ')}`);
  }
}

/**
 * What Strapi generates for a type on an empty database: its own function, which the package does not export
 * (@strapi/* is pinned, so the path is stable; a missing file fails the boot and the tests loudly).
 */
function generatedConfiguration(model: ContentManagerModel): Promise<ViewConfiguration> {
  const root = path.dirname(require.resolve('@strapi/content-manager/package.json'));
  const generator = require(path.join(root, 'dist/server/services/utils/configuration/index.js')) as {
    createDefaultConfiguration(model: ContentManagerModel): Promise<ViewConfiguration>;
  };
  return generator.createDefaultConfiguration(model);
}
