/**
 * A JSON Web Token is three base64url parts joined by dots; an API token of Strapi's is hex digits (made from
 * 128 random bytes), with no dot. The shape alone tells a portal user's session from an API token.
 */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export const isJwtShaped = (bearer: string): boolean => JWT_SHAPE.test(bearer);
