/**
 * E-mail templates: Mustache placeholders ({{ticket.number}}), rendered to plain text and to HTML with
 * every value escaped. Pure: no Strapi import, tested alone. Mustache is logic-less, so a supervisor
 * editing a template cannot run code; sections ({{#followUps}}...{{/followUps}}) list repeated items.
 */
import Mustache from 'mustache';

export type TemplateSpans = Array<[string, string, number, number, TemplateSpans?]>;

interface PlaceholderRef {
  /** The sections the placeholder sits in, outermost first. */
  sections: string[];
  name: string;
}

function placeholderRefs(template: string): PlaceholderRef[] {
  const refs: PlaceholderRef[] = [];
  const walk = (tokens: unknown[], sections: string[]) => {
    for (const token of tokens as Array<[string, string, number, number, unknown[]?]>) {
      const [type, name, , , children] = token;
      if (type === 'name' || type === '&' || type === '{') refs.push({ sections, name });
      if ((type === '#' || type === '^') && name) {
        refs.push({ sections, name });
        if (children) walk(children, [...sections, name]);
      }
    }
  };
  walk(Mustache.parse(template), []);
  return refs;
}

/** The placeholders a template uses, with their section path: `followUps.body` inside {{#followUps}}. */
export function placeholders(template: string): string[] {
  return [...new Set(placeholderRefs(template).map((ref) => [...ref.sections, ref.name].join('.')))];
}

/**
 * Placeholders that no event variable answers: a template naming one is refused when saved. Inside a
 * section a name is looked up as Mustache does: in the section first, then in each enclosing one.
 */
export function unknownPlaceholders(template: string, allowed: readonly string[]): string[] {
  const unknown = new Set<string>();
  for (const { sections, name } of placeholderRefs(template)) {
    if (name === '.') continue;
    const candidates = sections.map((_, depth) => [...sections.slice(0, sections.length - depth), name].join('.')).concat(name);
    if (!candidates.some((candidate) => allowed.includes(candidate))) unknown.add(candidates[0]);
  }
  return [...unknown];
}

export function renderText(template: string, vars: Record<string, unknown>): string {
  // Plain text: no escaping at all.
  return Mustache.render(template, vars, {}, { escape: (value: unknown) => String(value) });
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The five characters that matter in HTML text and attributes; Mustache's default also rewrites '/', '`', '='. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
}

/** The template's paragraphs as HTML, every value escaped: the body of a message, or a canned reply to insert in an editor. */
export function renderHtmlParagraphs(template: string, vars: Record<string, unknown>): string {
  const escaped = Mustache.render(template, vars, {}, { escape: escapeHtml });
  return escaped
    .split(/\n{2,}/)
    .map((block) => `<p>${block.replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

export function renderHtml(template: string, vars: Record<string, unknown>, language: string): string {
  const paragraphs = renderHtmlParagraphs(template, vars);
  return `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"></head>\n<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #1a1a1a; line-height: 1.5">\n${paragraphs}\n</body></html>`;
}

/** A last line under the rendered body, in the text and in the HTML (before `</body>` when there is one). */
export function withFooterLine(message: { text: string; html: string }, line: string): { text: string; html: string } {
  const paragraph = `<p style="font-size: 12px; color: #555555">${escapeHtml(line)}</p>\n`;
  const at = message.html.lastIndexOf('</body>');
  return {
    text: `${message.text.trimEnd()}\n\n${line}\n`,
    html: at >= 0 ? `${message.html.slice(0, at)}${paragraph}${message.html.slice(at)}` : `${message.html}\n${paragraph}`,
  };
}
