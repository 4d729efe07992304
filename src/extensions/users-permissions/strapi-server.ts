/**
 * A portal user belongs to one organization (DESIGN.md). Added to the plugin's own user schema here rather
 * than by copying the whole schema, so upgrades of users-permissions keep their changes.
 */
interface UsersPermissionsPlugin {
  contentTypes: { user: { schema: { attributes: Record<string, unknown> } } };
}

export default (plugin: UsersPermissionsPlugin) => {
  plugin.contentTypes.user.schema.attributes.organization = {
    type: 'relation',
    relation: 'manyToOne',
    target: 'api::organization.organization',
  };
  // The language the user reads our e-mails in; empty means the organization's.
  plugin.contentTypes.user.schema.attributes.language = { type: 'enumeration', enum: ['it', 'en'] };
  // The number the user calls from, so that the SPOC recognises the caller (phone intake).
  plugin.contentTypes.user.schema.attributes.phone = { type: 'string', maxLength: 60 };
  return plugin;
};
