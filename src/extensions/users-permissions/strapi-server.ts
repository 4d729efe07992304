/**
 * A portal user belongs to one organization (DESIGN.md). Added to the plugin's own user schema here rather
 * than by copying the whole schema, so upgrades of users-permissions keep their changes.
 */
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Core } from '@strapi/strapi';
import { withSessionCheck, withSessionStampInJwt, type JwtService, type UserService } from './sessions';

interface UsersPermissionsPlugin {
  contentTypes: { user: { schema: { attributes: Record<string, unknown> } } };
  services: { jwt: (deps: { strapi: Core.Strapi }) => JwtService; user: (deps: { strapi: Core.Strapi }) => UserService };
}

/**
 * The plugin's `jwt.verify` with the secret as a key made once. Given the secret as a string, jsonwebtoken
 * first tries to parse it as a public key, which throws, then makes a secret key: on every request, about a
 * millisecond of CPU (benchmark profile). Tokens and their checks are the same; the refresh mode is untouched.
 */
/** As jsonwebtoken reads a string secret: a PEM public key when it parses as one, else the HMAC secret's bytes. */
function keyOf(secret: string): KeyObject {
  try {
    return createPublicKey(secret);
  } catch {
    return createSecretKey(Buffer.from(secret));
  }
}

function withSecretKeyOnce(makeJwt: UsersPermissionsPlugin['services']['jwt']): UsersPermissionsPlugin['services']['jwt'] {
  return ({ strapi }) => {
    const service = makeJwt({ strapi });
    let cached: { secret: string; key: KeyObject } | null = null;
    const keyFor = (secret: string) => {
      if (cached?.secret !== secret) cached = { secret, key: keyOf(secret) };
      return cached.key;
    };
    return {
      ...service,
      verify(token: string) {
        if (strapi.config.get<string>('plugin::users-permissions.jwtManagement', 'legacy-support') === 'refresh') return service.verify.call(this, token);
        const { algorithm } = strapi.config.get('plugin::users-permissions.jwt', {}) as { algorithm?: jwt.Algorithm };
        return new Promise((resolve, reject) => {
          jwt.verify(token, keyFor(strapi.config.get('plugin::users-permissions.jwtSecret') as string), { algorithms: [algorithm || 'HS256'] }, (error, payload) =>
            error ? reject(new Error('Invalid token.')) : resolve(payload ?? {})
          );
        });
      },
    };
  };
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
  // Replaced when a session ends (a new password, a block, another organization): sessions.ts. Private, and not
  // in the admin panel's forms.
  plugin.contentTypes.user.schema.attributes.sessionStamp = { type: 'string', configurable: false, private: true, searchable: false, visible: false };
  plugin.services.jwt = withSessionStampInJwt(withSecretKeyOnce(plugin.services.jwt));
  plugin.services.user = withSessionCheck(plugin.services.user);
  return plugin;
};
