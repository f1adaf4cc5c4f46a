import { Fragment, type ReactNode } from "react";

/**
 * A small Markdown subset rendered to React elements (never HTML strings, so model output cannot inject markup):
 * headings, fenced code, lists, quotes, paragraphs; inline code, bold, italic and http(s) links. Streaming-safe:
 * an unclosed fence renders as code so far.
 */

const INLINE = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(\*[^*\n]+\*|_[^_\n]+_)|(\[[^\]\n]+\]\(https?:\/\/[^)\s]+\))/g;

function inline(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > last) nodes.push(text.slice(last, at));
    const token = match[0];
    const key = `${at}`;
    if (match[1]) {
      nodes.push(
        <code key={key} className="rounded bg-zinc-100 px-1 py-px font-mono text-[0.85em] dark:bg-zinc-800">
          {token.slice(1, -1)}
        </code>,
      );
    } else if (match[2]) nodes.push(<strong key={key}>{token.slice(2, -2)}</strong>);
    else if (match[3]) nodes.push(<em key={key}>{token.slice(1, -1)}</em>);
    else {
      const link = /^\[([^\]]+)\]\((.+)\)$/.exec(token);
      nodes.push(
        <a
          key={key}
          href={link?.[2]}
          target="_blank"
          rel="noreferrer noopener"
          className="text-blue-600 underline dark:text-blue-400"
        >
          {link?.[1]}
        </a>,
      );
    }
    last = at + token.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

function withBreaks(lines: string[]): ReactNode[] {
  return lines.map((line, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: lines of one paragraph, in order
    <Fragment key={index}>
      {index > 0 ? <br /> : null}
      {inline(line)}
    </Fragment>
  ));
}

export function Markdown({ text }: { text: string }) {
  const lines = text.split("\n");
  const blocks: ReactNode[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] as string;
    const key = blocks.length;
    const fence = /^```(\S*)/.exec(line);
    if (fence) {
      const body: string[] = [];
      index++;
      while (index < lines.length && !/^```/.test(lines[index] as string)) body.push(lines[index++] as string);
      index++;
      blocks.push(
        <pre key={key} className="overflow-x-auto rounded-md bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-900">
          <code>{body.join("\n")}</code>
        </pre>,
      );
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      // Model headings sit below the page's own (h1 title, h2 panels): # maps to h3.
      const level = (heading[1] as string).length - 1;
      const Heading = (["h3", "h4", "h5", "h6"] as const)[level] ?? "h6";
      const size = ["text-lg", "text-base", "text-sm", "text-sm"][level];
      blocks.push(
        <Heading key={key} className={`${size} font-semibold`}>
          {inline(heading[2] as string)}
        </Heading>,
      );
      index++;
      continue;
    }
    const listItem = /^\s*([-*+]|\d+[.)])\s+/;
    if (listItem.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      while (index < lines.length && listItem.test(lines[index] as string)) {
        items.push((lines[index++] as string).replace(listItem, ""));
      }
      const List = ordered ? "ol" : "ul";
      blocks.push(
        <List key={key} className={`${ordered ? "list-decimal" : "list-disc"} space-y-0.5 pl-5`}>
          {items.map((item, itemIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: list items in order
            <li key={itemIndex}>{inline(item)}</li>
          ))}
        </List>,
      );
      continue;
    }
    if (line.startsWith(">")) {
      const quoted: string[] = [];
      while (index < lines.length && (lines[index] as string).startsWith(">"))
        quoted.push((lines[index++] as string).replace(/^>\s?/, ""));
      blocks.push(
        <blockquote
          key={key}
          className="border-l-2 border-zinc-300 pl-3 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
        >
          {withBreaks(quoted)}
        </blockquote>,
      );
      continue;
    }
    if (line.trim() === "") {
      index++;
      continue;
    }
    const paragraph: string[] = [];
    while (index < lines.length) {
      const current = lines[index] as string;
      if (current.trim() === "" || /^```|^#{1,4}\s|^>/.test(current) || listItem.test(current)) break;
      paragraph.push(current);
      index++;
    }
    blocks.push(<p key={key}>{withBreaks(paragraph)}</p>);
  }
  return <div className="space-y-3 text-[13px] leading-6">{blocks}</div>;
}
