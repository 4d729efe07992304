/**
 * The ticket's whole history for operators: every timeline event (internal ones too, marked), the e-mails of
 * the ticket with their delivery state and the server's answer, and the calls linked to it, oldest first.
 */
import type * as React from 'react';
import { Badge, Box, Flex, Link, Typography } from '@strapi/design-system';
import { Paperclip } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { useEnumWord, useEventWord, useT } from '../messages';
import type { FollowUp, OutboxMessage, TimelineEntry, Workspace } from '../types';
import { htmlToText } from '../rules/composer-text';
import { fieldChanges, recomputeCause } from '../rules/console-ui-rules';
import { Section } from './section';

type Item =
  | { kind: 'event'; at: string; entry: TimelineEntry }
  | { kind: 'mail'; at: string; message: OutboxMessage }
  | { kind: 'call'; at: string; call: Record<string, unknown> }
  | { kind: 'followUp'; at: string; followUp: FollowUp };

const MAIL_BADGE: Record<string, 'success' | 'danger' | 'warning' | 'neutral'> = { sent: 'success', failed: 'danger', undelivered: 'danger', pending: 'warning', queued: 'warning', sending: 'warning' };

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);
const recipientsOf = (message: OutboxMessage) => {
  const to = message.recipients ?? message.to ?? [];
  return Array.isArray(to) ? to.join(', ') : to;
};

export function Timeline({ workspace }: { workspace: Workspace }) {
  const t = useT();
  const eventWord = useEventWord();
  const { formatDate } = useIntl();
  const when = (value: string) => formatDate(value, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Rome' });

  /** The values an event's words may name: the mail's recipient, an SLA alarm's clock and threshold. */
  const eventValues = (entry: TimelineEntry) => {
    const data = entry.data ?? {};
    return {
      recipient: text(data.recipient) ?? '',
      clock: t(data.clock === 'takeCharge' ? 'clock.take_charge' : 'clock.restore'),
      percent: typeof data.threshold === 'number' ? `${Math.round(data.threshold * 100)}%` : '',
    };
  };

  const items: Item[] = [
    // A follow-up is shown with its text below; its timeline event would say the same without it.
    // Likewise the e-mails are listed with their delivery state: their "sent" events would repeat them.
    ...workspace.timeline.filter((entry) => entry.type !== 'follow-up.added' && entry.type !== 'email.sent').map((entry): Item => ({ kind: 'event', at: entry.at ?? entry.createdAt ?? '', entry })),
    ...workspace.followUps.map((followUp): Item => ({ kind: 'followUp', at: followUp.createdAt, followUp })),
    ...workspace.messages.map((message): Item => ({ kind: 'mail', at: message.sentAt ?? message.createdAt ?? '', message })),
    ...workspace.calls.map((call): Item => ({ kind: 'call', at: text(call.startedAt) ?? text(call.at) ?? text(call.createdAt) ?? '', call })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <Section title={t('timeline.title')} padding={6}>
      {items.length === 0 && <Typography>{t('timeline.empty')}</Typography>}
      <Flex direction="column" alignItems="stretch" gap={0} tag="ol">
        {items.map((item, index) => (
          <Box key={`${item.kind}-${index}`} tag="li" paddingTop={3} paddingBottom={3} borderColor="neutral150" borderStyle="solid" borderWidth="0 0 1px 0" data-timeline-kind={item.kind}>
            {item.kind === 'event' && <EventLine entry={item.entry} when={when(item.at)} label={eventWord(item.entry.type, eventValues(item.entry))} formatInstant={when} />}
            {item.kind === 'mail' && (
              <Entry when={when(item.at)} label={t('timeline.mail')} badge={<Badge variant={MAIL_BADGE[item.message.state] ?? 'neutral'}>{t(`mail.${item.message.state}` as 'mail.sent')}</Badge>}>
                <Typography>{item.message.subject}</Typography>
                <Typography variant="pi" textColor="neutral700">
                  {t('timeline.to', { to: recipientsOf(item.message) || '—' })}
                </Typography>
                {item.message.smtpResponse && (
                  <Typography variant="pi" textColor="neutral600">
                    {t('timeline.smtp', { answer: item.message.smtpResponse })}
                  </Typography>
                )}
              </Entry>
            )}
            {item.kind === 'followUp' && (
              <Entry
                when={when(item.at)}
                label={eventWord('follow-up.added')}
                actor={item.followUp.authorName}
                badge={<Badge variant={item.followUp.visibility === 'internal' ? 'secondary' : 'primary'}>{t(item.followUp.visibility === 'internal' ? 'timeline.internal' : 'timeline.public')}</Badge>}
              >
                <Typography style={{ whiteSpace: 'pre-wrap' }}>{item.followUp.body ?? htmlToText(item.followUp.bodyHtml ?? '')}</Typography>
                {(item.followUp.attachments ?? []).map((file) => (
                  <Flex key={file.id} gap={1} alignItems="center">
                    <Paperclip aria-hidden />
                    {file.url ? (
                      <Link href={file.url} isExternal>
                        {file.name}
                      </Link>
                    ) : (
                      <Typography variant="pi">{file.name}</Typography>
                    )}
                  </Flex>
                ))}
              </Entry>
            )}
            {item.kind === 'call' && (
              <Entry when={when(item.at)} label={t('timeline.call')} actor={text((item.call.operator as { name?: string } | null)?.name)}>
                {text(item.call.callerNumber) && <Typography>{text(item.call.callerNumber)}</Typography>}
              </Entry>
            )}
          </Box>
        ))}
      </Flex>
    </Section>
  );
}

/** One line of the timeline: when, what, who, a badge, and what it says below. */
function Entry({ when, label, actor, badge, children }: { when: string; label: string; actor?: string | null; badge?: React.ReactNode; children?: React.ReactNode }) {
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Flex gap={2} wrap="wrap">
        <Typography variant="pi" textColor="neutral600">
          {when}
        </Typography>
        <Typography fontWeight="bold">{label}</Typography>
        {actor && <Typography textColor="neutral700">{actor}</Typography>}
        {badge}
      </Flex>
      {children}
    </Flex>
  );
}

function EventLine({ entry, when, label, formatInstant }: { entry: TimelineEntry; when: string; label: string; formatInstant: (iso: string) => string }) {
  const t = useT();
  const data = entry.data ?? {};
  const word = useEnumWord();
  const changes = entry.type === 'ticket.updated' || entry.type === 'sla.recomputed';
  const callback = entry.type === 'callback.done';
  // A recomputation's reason is a code of the server's: the page says it in words, never the code.
  const cause = entry.type === 'sla.recomputed' ? recomputeCause(data.reason) : null;
  const detail = changes || callback ? null : (text(data.bodyText) ?? text(data.reason) ?? text(data.resolution) ?? text(data.summary) ?? text(entry.summary));
  return (
    <Entry when={when} label={label} actor={entry.actorName ?? entry.actor?.name ?? null} badge={entry.visibility === 'internal' ? <Badge>{t('timeline.internal')}</Badge> : null}>
      {detail && <Typography style={{ whiteSpace: 'pre-wrap' }}>{detail}</Typography>}
      {cause && <Typography>{t(`recompute.${cause}`)}</Typography>}
      {callback && (
        <Typography data-callback-outcome={text(data.outcome) ?? undefined}>
          {[text(data.outcome) && word(text(data.outcome)), [text(data.contactName), text(data.contactPhone)].filter(Boolean).join(' ')].filter(Boolean).join(' · ')}
        </Typography>
      )}
      {callback && text(data.note) && <Typography style={{ whiteSpace: 'pre-wrap' }}>{text(data.note)}</Typography>}
      {changes && <Changes data={data} formatInstant={formatInstant} />}
    </Entry>
  );
}

/** What a data change or an SLA recomputation changed, one line a field, old value → new value. */
function Changes({ data, formatInstant }: { data: Record<string, unknown>; formatInstant: (iso: string) => string }) {
  const t = useT();
  const enumWord = useEnumWord();
  const shown = (value: string | null, instant: boolean) => (value === null ? t('change.none') : instant ? formatInstant(value) : enumWord(value));
  const relations = Array.isArray(data.relations) ? (data.relations as string[]).filter((name) => name !== 'assignee') : [];
  const others = [...relations.map((name) => t(`change.relation.${name}` as 'change.relation.category')), ...(data.descriptionChanged ? [t('change.description')] : [])];
  const assignee = (data.assignee as { name?: string } | null | undefined)?.name;
  return (
    <Flex direction="column" alignItems="flex-start" gap={0} tag="ul">
      {fieldChanges(data.changes).map((change) => (
        <Typography key={change.field} tag="li" variant="pi">
          {t('change.line', { field: t(`change.${change.field}`), from: shown(change.from, change.instant), to: shown(change.to, change.instant) })}
        </Typography>
      ))}
      {assignee && (
        <Typography tag="li" variant="pi">
          {t('change.assignee', { name: assignee })}
        </Typography>
      )}
      {others.length > 0 && (
        <Typography tag="li" variant="pi">
          {t('change.relations', { fields: others.join(', ') })}
        </Typography>
      )}
    </Flex>
  );
}
