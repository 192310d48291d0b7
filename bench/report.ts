import { existsSync, readFileSync, writeFileSync } from 'node:fs';

// === What the bench prints as it goes, and docs/benchmarks.md made of it

interface Section {
  title: string;
  intro: string;
  /** Comparison rows (what, lianxin, baseline, ratio, target) or figure rows (what, figure). */
  rows: string[][];
  columns: string[];
}

/** The hand-written part of docs/benchmarks.md starts at this line and is kept as it is. */
export const KEPT_MARKER = '<!-- Kept by npm run bench: everything below is written by hand. -->';

export class Report {
  readonly sections: Section[] = [];

  /** A table of lianxin beside its baseline in the same run. */
  comparison(title: string, intro = '', baseline = 'echo') {
    this.sections.push({ title, intro, rows: [], columns: ['', 'lianxin', baseline, 'ratio', 'target'] });
    process.stdout.write(`\n== ${title}\n`);
  }

  /** A table of single figures. */
  figures(title: string, intro = '') {
    this.sections.push({ title, intro, rows: [], columns: ['what', 'figure'] });
    process.stdout.write(`\n== ${title}\n`);
  }

  /** A row of the current comparison: `ratio` and `target` may be empty. */
  compare(what: string, ours: string, baseline: string, ratio = '', target = '') {
    this.current().rows.push([what, ours, baseline, ratio, target]);
    process.stdout.write(`${what}: ${ours} | ${baseline}${ratio ? ` | ratio ${ratio}` : ''}${target ? ` | ${target}` : ''}\n`);
  }

  /** A row of the current figures table. */
  line = (what: string, figure: string) => {
    this.current().rows.push([what, figure]);
    process.stdout.write(`${what}: ${figure}\n`);
  };

  private current(): Section {
    if (this.sections.length === 0) this.figures('Figures');
    return this.sections.at(-1)!;
  }

  markdown(): string {
    const cell = (s: string) => s.replaceAll('|', '\\|');
    return this.sections
      .filter((s) => s.rows.length > 0)
      .map((s) =>
        [
          `## ${s.title}`,
          ...(s.intro ? ['', s.intro] : []),
          '',
          `| ${s.columns.join(' | ')} |`,
          `| ${s.columns.map(() => '---').join(' | ')} |`,
          ...s.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
        ].join('\n'),
      )
      .join('\n\n');
  }
}

/** Writes `head` and the report to `file`, keeping what follows KEPT_MARKER in the file there now. */
export function writeDoc(file: URL, head: string, report: Report) {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = before.indexOf(KEPT_MARKER);
  const kept = at >= 0 ? before.slice(at) : `${KEPT_MARKER}\n`;
  writeFileSync(file, `${head.trim()}\n\n${report.markdown()}\n\n${kept}`);
}
