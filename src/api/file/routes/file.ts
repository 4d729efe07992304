/**
 * Stored files, on a signed link (the upload provider signs every URL Strapi returns). No sign-in: an
 * <img> or a link opened in a new tab sends no Authorization header; the signature is the permission.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/files/:key',
      handler: 'file.serve',
      config: { auth: false },
    },
  ],
};
