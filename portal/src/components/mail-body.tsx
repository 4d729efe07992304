import DOMPurify from 'dompurify';

// Links in a message open beside the portal, and the page they lead to gets no handle on it.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/**
 * A mail-born text as the message showed it: its HTML, sanitized by the e-mail intake when stored and
 * again here (a stored value may predate a policy change, or reach the database another way), with the
 * plain text when there is no HTML.
 */
export function MailBody({ html, text }: { html: string | null | undefined; text: string | null | undefined }) {
  if (html) {
    const clean = DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button'] });
    return <div className="mail-html" dangerouslySetInnerHTML={{ __html: clean }} />;
  }
  return text ? <p className="prewrap">{text}</p> : null;
}
