/**
 * A received or captured e-mail as the panel shows it: its (already sanitized) HTML in a sandboxed frame, or
 * its text; and its raw `.eml` saved through the authenticated client, never rendered. Shared by the
 * quarantine desk and the E-mail settings page.
 */
import { Box, Typography } from '@strapi/design-system';

export function MailPreview({ html, text, title }: { html: string | null; text: string | null; title: string }) {
  return html ? (
    // sandbox="" : no scripts, no forms, no navigation of the panel, an origin of its own.
    <iframe title={title} sandbox="" srcDoc={html} style={{ width: '100%', height: '360px', border: '1px solid #dcdce4', borderRadius: '4px', background: '#fff' }} />
  ) : (
    <Box tag="pre" background="neutral100" padding={4} hasRadius style={{ whiteSpace: 'pre-wrap' }}>
      <Typography>{text ?? ''}</Typography>
    </Box>
  );
}

/** Saves a blob as a file of the given name: the browser downloads it, the page never opens it. */
export function saveBlob(data: Blob, name: string) {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
