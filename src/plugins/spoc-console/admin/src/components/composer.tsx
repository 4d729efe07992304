/**
 * The composer: a public follow-up (an e-mail to the requester, whose address it shows) or an internal note
 * (no e-mail), with attachments dropped or picked within the server's limits, and canned replies inserted
 * with their placeholders filled by the server, then edited.
 */
import * as React from 'react';
import { Alert, Box, Button, Field, Flex, IconButton, Radio, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { useFetchClient } from '@strapi/strapi/admin';
import { useDropzone } from 'react-dropzone';
import { apiProblem } from './errors';
import { Section } from './section';
import { useT } from '../messages';
import { fileProblem, formatBytes } from '../rules/console-ui-rules';
import { htmlToText, textToHtml } from '../rules/composer-text';
import type { CannedReply, Recipient, Workspace } from '../types';

const DEFAULT_LIMITS = { maxBytes: 10 * 1024 * 1024, maxFiles: 5, blockedExtensions: ['exe', 'bat', 'cmd', 'js', 'msi', 'scr'] };

export function Composer({ workspace, onSent }: { workspace: Workspace; onSent: () => void }) {
  const t = useT();
  const { get, post } = useFetchClient();
  const { ticket } = workspace;
  const publicRecipients = (workspace.notices?.publicFollowUp?.recipients ?? []).map((recipient) => recipient.address).join(', ');
  const limits = workspace.attachmentLimits ?? DEFAULT_LIMITS;
  const [visibility, setVisibility] = React.useState<'public' | 'internal'>('public');
  const [text, setText] = React.useState('');
  const [files, setFiles] = React.useState<File[]>([]);
  const [problems, setProblems] = React.useState<string[]>([]);
  const [canned, setCanned] = React.useState<CannedReply[]>([]);
  const [busy, setBusy] = React.useState(false);
  const [notice, setNotice] = React.useState<{ variant: 'success' | 'danger'; text: string } | null>(null);

  React.useEffect(() => {
    get<{ data: CannedReply[] }>('/spoc-console/canned-replies')
      .then(({ data }) => setCanned(data.data))
      .catch(() => setCanned([]));
  }, [get]);

  const onDrop = React.useCallback(
    (accepted: File[]) => {
      const refused: string[] = [];
      const next = [...files];
      for (const file of accepted) {
        const problem = fileProblem(file, limits);
        if (problem === 'size') refused.push(t('composer.tooBig', { name: file.name, size: formatBytes(limits.maxBytes) }));
        else if (problem === 'type') refused.push(t('composer.badType', { name: file.name }));
        else if (next.length >= limits.maxFiles) refused.push(t('composer.tooMany', { count: limits.maxFiles }));
        else next.push(file);
      }
      setFiles(next);
      setProblems(refused);
    },
    [files, limits, t]
  );
  const { getRootProps, getInputProps, isDragActive } = useDropzone({ onDrop, multiple: true });

  const insertCanned = async (id: string) => {
    if (!id) return;
    try {
      const { data } = await post<{ data: { html: string } }>(`/spoc-console/canned-replies/${id}/render`, { ticket: ticket.documentId });
      const inserted = htmlToText(data.data.html);
      setText((current) => (current.trim() ? `${current.trim()}\n\n${inserted}` : inserted));
    } catch (error) {
      setNotice({ variant: 'danger', text: t('common.error', { message: apiProblem(error).message }) });
    }
  };

  const send = async () => {
    if (!text.trim()) {
      setNotice({ variant: 'danger', text: t('composer.empty') });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const bodyHtml = textToHtml(text);
      let answer: { data?: { recipients?: Recipient[] } };
      if (files.length > 0) {
        const form = new FormData();
        form.append('visibility', visibility);
        form.append('bodyHtml', bodyHtml);
        for (const file of files) form.append('files', file, file.name);
        answer = (await post(`/spoc-console/tickets/${ticket.documentId}/follow-ups`, form)).data as typeof answer;
      } else {
        answer = (await post(`/spoc-console/tickets/${ticket.documentId}/follow-ups`, { visibility, bodyHtml })).data as typeof answer;
      }
      const recipients = (answer?.data?.recipients ?? []).map((recipient) => recipient.address);
      setNotice({
        variant: 'success',
        text: visibility === 'public' ? t('composer.sentPublic', { to: recipients.join(', ') || '—' }) : t('composer.sentInternal'),
      });
      setText('');
      setFiles([]);
      setProblems([]);
      onSent();
    } catch (error) {
      setNotice({ variant: 'danger', text: t('common.error', { message: apiProblem(error).message }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('composer.title')} padding={6} gap={4}>
      <Radio.Group aria-label={t('composer.visibility')} value={visibility} onValueChange={(value: string) => setVisibility(value as 'public' | 'internal')}>
        <Flex gap={6}>
          <Radio.Item value="public">{t('composer.public')}</Radio.Item>
          <Radio.Item value="internal">{t('composer.internal')}</Radio.Item>
        </Flex>
      </Radio.Group>
      <Typography textColor={visibility === 'public' && publicRecipients ? 'primary700' : 'neutral700'} data-recipients>
        {visibility === 'internal' ? t('composer.noMail') : publicRecipients ? t('composer.to', { to: publicRecipients }) : t('composer.noRecipient')}
      </Typography>
      {canned.length > 0 && (
        <Box maxWidth="420px">
          <SingleSelect aria-label={t('composer.canned')} placeholder={t('composer.cannedPick')} value="" onChange={(value: string | number) => void insertCanned(String(value))}>
            {canned.map((reply) => (
              <SingleSelectOption key={reply.documentId} value={reply.documentId}>
                {reply.title}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Box>
      )}
      <Field.Root name="body">
        <Field.Label>{t('composer.body')}</Field.Label>
        <Textarea value={text} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setText(event.target.value)} style={{ minHeight: 140 }} />
      </Field.Root>
      <Box
        {...getRootProps()}
        padding={4}
        hasRadius
        borderStyle="dashed"
        borderWidth="1px"
        borderColor={isDragActive ? 'primary600' : 'neutral300'}
        background={isDragActive ? 'primary100' : 'neutral100'}
        style={{ cursor: 'pointer' }}
      >
        <input {...getInputProps()} aria-label={t('composer.attachments')} />
        <Typography tag="p">{t('composer.drop')}</Typography>
        <Typography variant="pi" textColor="neutral600" tag="p">
          {t('composer.limits', { count: limits.maxFiles, size: formatBytes(limits.maxBytes), blocked: limits.blockedExtensions.join(', ') })}
        </Typography>
      </Box>
      {files.length > 0 && (
        <Flex direction="column" alignItems="stretch" gap={1} tag="ul">
          {files.map((file) => (
            <Flex key={file.name} tag="li" gap={2} justifyContent="space-between">
              <Typography>
                {file.name} ({formatBytes(file.size)})
              </Typography>
              <IconButton label={t('composer.remove', { name: file.name })} variant="ghost" onClick={() => setFiles(files.filter((other) => other !== file))}>
                <Cross />
              </IconButton>
            </Flex>
          ))}
        </Flex>
      )}
      {problems.map((problem) => (
        <Typography key={problem} textColor="danger600">
          {problem}
        </Typography>
      ))}
      {notice && (
        <Alert variant={notice.variant} closeLabel={t('common.close')} onClose={() => setNotice(null)}>
          {notice.text}
        </Alert>
      )}
      <Flex justifyContent="flex-end">
        <Button loading={busy} onClick={() => void send()}>
          {t('composer.send')}
        </Button>
      </Flex>
    </Section>
  );
}
