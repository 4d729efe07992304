import type { Core } from '@strapi/strapi';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { parseInput } from '../../../../../utils/parse-input';
import { requestData } from '../../../../../utils/request-body';
import { mailboxChangeInput, newMailboxInput } from '../rules/mailbox-settings';
import type { MailboxesService } from '../services/mailboxes';

/** Thin admin edge of Settings → Caselle e-mail: list, add, change, remove, test a connection. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('email-intake').service('mailboxes') as MailboxesService;
  return {
    async list(ctx: KoaContext) {
      ctx.body = { data: await service().list() };
    },
    async create(ctx: KoaContext) {
      ctx.status = 201;
      ctx.body = { data: await service().create(parseInput(newMailboxInput, requestData(ctx))) };
    },
    async update(ctx: KoaContext) {
      ctx.body = { data: await service().update(asRoute(ctx).params.documentId, parseInput(mailboxChangeInput, requestData(ctx))) };
    },
    async remove(ctx: KoaContext) {
      ctx.body = { data: await service().remove(asRoute(ctx).params.documentId) };
    },
    /** Settings not saved yet, as the form holds them. */
    async testNew(ctx: KoaContext) {
      ctx.body = { data: await service().test(parseInput(newMailboxInput, requestData(ctx))) };
    },
    /** A stored mailbox (`env`: the environment's), with the form's unsaved changes over it. */
    async testStored(ctx: KoaContext) {
      const change = parseInput(mailboxChangeInput, requestData(ctx));
      ctx.body = { data: await service().test(await service().settingsFor(asRoute(ctx).params.documentId, change)) };
    },
  };
};
