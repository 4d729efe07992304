import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, startTestInstance, Api, type Actors } from '../support/api';

const TICKET = 'api::ticket.ticket';

interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit: Record<string, unknown>; list: Record<string, unknown> }>;
  layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>> };
}

/**
 * Issue 14, item 5: the Content Manager shows our content types in Italian, with sensible columns and
 * layouts, technical fields out of the form, protected ones read-only and pickers showing names; read
 * through the Content Manager's own admin API, as the panel reads it. An administrator's later changes to
 * that configuration survive a restart.
 */
describe.each(backends())('the Content Manager views on $name', (backend) => {
  let a: Actors;
  beforeAll(async () => {
    a = await actors(backend);
  });

  const configuration = async (client: Api, uid: string) => {
    const res = await client.get(`/content-manager/content-types/${uid}/configuration`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data.contentType as Configuration;
  };
  const placed = (conf: Configuration) => conf.layouts.edit.flat().map(({ name }) => name);

  it('shows an operator the ticket in Italian: labels, columns newest first, protected fields read-only, technical ones hidden, names in pickers', async () => {
    const conf = await configuration(a.operator, TICKET);
    expect(conf.metadatas.title.edit).toMatchObject({ label: 'Oggetto', editable: true, visible: true });
    expect(conf.metadatas.title.list.label).toBe('Oggetto');
    expect(conf.metadatas.priority.edit.description).toMatch(/bloccante/);
    expect(conf.metadatas.organization.edit).toMatchObject({ label: 'Amministrazione', mainField: 'name' });
    expect(conf.metadatas.assignee.edit).toMatchObject({ label: 'Assegnata a', mainField: 'email' });
    expect(conf.metadatas.requester.edit.mainField).toBe('username');
    expect(conf.metadatas.category.edit.mainField).toBe('name');
    expect(conf.settings).toMatchObject({ mainField: 'number', defaultSortBy: 'reportedAt', defaultSortOrder: 'DESC' });
    expect(conf.layouts.list).toEqual(['number', 'title', 'state', 'priority', 'organization', 'assignee', 'reportedAt']);

    for (const field of ['number', 'state', 'reportedAt', 'registeredAt', 'takenInChargeAt', 'restoredAt', 'closedAt', 'resolution']) {
      expect(conf.metadatas[field].edit, field).toMatchObject({ editable: false, visible: true });
      expect(placed(conf), field).toContain(field);
    }
    for (const field of ['timelineHash', 'timelineLength', 'descriptionHtml']) {
      expect(conf.metadatas[field].edit.visible, field).toBe(false);
      expect(placed(conf), field).not.toContain(field);
    }
    // No label is left as the attribute's raw name.
    for (const [name, meta] of Object.entries(conf.metadatas)) {
      if (['id', 'documentId', 'createdBy', 'updatedBy'].includes(name)) continue;
      expect(meta.edit.label, name).not.toBe(name);
    }
  });

  it("configures the other types too, the plugins' included", async () => {
    const followUp = await configuration(a.operator, 'api::follow-up.follow-up');
    expect(followUp.metadatas.authorAdmin.edit).toMatchObject({ label: 'Autore (operatore)', mainField: 'email', editable: false });
    expect(followUp.metadatas.ticket.edit).toMatchObject({ label: 'Segnalazione', mainField: 'number' });
    expect(followUp.metadatas.bodyHtml.edit.visible).toBe(false);

    const message = await configuration(a.admin, 'plugin::notifications.message');
    expect(message.metadatas.leaseUntil.edit.visible).toBe(false);
    expect(message.metadatas.lastError.edit).toMatchObject({ label: 'Ultimo errore', editable: false });
    expect(message.settings).toMatchObject({ defaultSortBy: 'createdAt', defaultSortOrder: 'DESC' });

    const clock = await configuration(a.operator, 'plugin::sla.clock');
    expect(clock.metadatas.restoreDueAt.edit).toMatchObject({ label: 'Ripristino entro', editable: false });
    expect(clock.metadatas.nextCheckAt.edit.visible).toBe(false);

    const event = await configuration(a.operator, 'api::ticket-event.ticket-event');
    expect(event.metadatas.hash.edit.visible).toBe(false);
    expect(event.metadatas.prevHash.edit.visible).toBe(false);

    const policy = await configuration(a.supervisor, 'plugin::sla.policy');
    expect(policy.metadatas.calendar.edit).toMatchObject({ label: 'Calendario', mainField: 'name' });
    expect((await configuration(a.supervisor, 'api::organization.organization')).settings.mainField).toBe('name');
    expect((await configuration(a.admin, 'plugin::email-intake.quarantine')).metadatas.raw.edit.visible).toBe(false);
  });

  it("keeps an administrator's change to a label and to the list columns across a restart, and ours elsewhere", async () => {
    const conf = await configuration(a.admin, 'api::maintenance-log.maintenance-log');
    expect(conf.metadatas.title.edit.label).toBe('Titolo');
    conf.metadatas.title.edit.label = 'Intervento';
    conf.metadatas.title.list.label = 'Intervento';
    conf.layouts.list = ['title', 'state', 'scheduledStart'];
    // The panel's "Configura la vista" sends the whole configuration back (without the list cells' main
    // field, which the GET adds): ours must pass its validation.
    const metadatas = Object.fromEntries(
      Object.entries(conf.metadatas).map(([name, { edit, list: { mainField: _shown, ...list } }]) => [name, { edit, list }])
    );
    const saved = await a.admin.put('/content-manager/content-types/api::maintenance-log.maintenance-log/configuration', {
      settings: conf.settings,
      metadatas,
      layouts: conf.layouts,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const second = await startTestInstance(backend.db);
    try {
      const admin = new Api(second.url, backend.sessions.admin);
      const after = await configuration(admin, 'api::maintenance-log.maintenance-log');
      expect(after.metadatas.title.edit.label).toBe('Intervento');
      expect(after.metadatas.title.list.label).toBe('Intervento');
      expect(after.layouts.list).toEqual(['title', 'state', 'scheduledStart']);
      // What the administrator left alone is still ours.
      expect(after.metadatas.scheduledStart.edit.label).toBe('Inizio previsto');
      expect(after.metadatas.organization.edit.mainField).toBe('name');
    } finally {
      await second.stop();
    }
    // And the first instance, reading the same database, agrees.
    expect((await configuration(a.admin, 'api::maintenance-log.maintenance-log')).metadatas.title.edit.label).toBe('Intervento');
  });
});
