import type { Core } from '@strapi/strapi';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import register from './register';
import routes from './routes';
import services from './services';
import type { IntakeService } from './services/intake';
import type { MailboxesService } from './services/mailboxes';
import type { ReaderService } from './services/reader';

const plugin = (strapi: Core.Strapi) => ({
  intake: strapi.plugin('email-intake').service('intake') as IntakeService,
  mailboxes: strapi.plugin('email-intake').service('mailboxes') as MailboxesService,
  reader: strapi.plugin('email-intake').service('reader') as ReaderService,
});

export default {
  config,
  contentTypes,
  controllers,
  routes,
  services,
  register,
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const { intake, mailboxes, reader } = plugin(strapi);
    await intake.ensureSchema();
    await reader.ensureSchema();
    await mailboxes.ensureSchema();
    // Reading starts once the server listens, so that a message never waits on a half-booted instance.
    strapi.server.httpServer.once('listening', () => reader.start());
  },
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await plugin(strapi).reader.stop();
  },
};
