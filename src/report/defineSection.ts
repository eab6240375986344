import { escapeHtml, jsonForScript } from '../core/escapeHtml';
import type { Locale } from '../core/Locale';
import { localeFormatter, type LocaleFormatter } from '../core/localeFormatter';
import type { Figure } from '../viz/Figure';
import { inertFigure } from '../viz/inertFigure';
import { commonTexts, type CommonTexts } from './commonTexts';
import { escapeMarkdown } from './escapeMarkdown';
import type { Texts } from './localTexts';
import type { ReportData } from './ReportData';
import { segmentLookup, type SegmentLookup } from './segmentLookup';

/** What every section reads, built once per rendering. */
export interface ReportContext {
  readonly data: ReportData;
  /** The words the sections share (frame, segment names, number words). */
  readonly common: CommonTexts;
  readonly fmt: LocaleFormatter;
  /** The segments the review may show; suppressed ones by id only. */
  readonly seg: SegmentLookup;
}

export function reportContext(data: ReportData): ReportContext {
  const common = commonTexts(data.locale);
  return { data, common, fmt: localeFormatter(data.locale, data.personas.currency), seg: segmentLookup(data.personas, common) };
}

/** A chart of a section; its id is the element id in the HTML review, stable so readers can link to it. */
export interface SectionFigure {
  id: string;
  figure: Figure;
}

/** The context a section's parts get: the report's, plus the section's own words in the locale. */
export interface SectionContext<T> extends ReportContext {
  readonly t: T;
}

export interface HtmlSectionContext<T> extends SectionContext<T> {
  /** This section's figures, in order. */
  readonly figures: readonly SectionFigure[];
  /** One of this section's figures: a placeholder and its inert JSON spec ('' when it has none of that id). */
  figure(id: string): string;
  /** A segment's name with its colour, escaped. */
  segmentName(id: number): string;
  /** The suppressed segments by id, with why ('' when none are). */
  suppressed(): string;
}

export interface MarkdownSectionContext<T> extends SectionContext<T> {
  /** The suppressed segments by id, with why, as a list after a blank line ('' when none are). */
  suppressed(): string;
  /** The pointer to report.html for a section whose charts Markdown cannot show. */
  chartsInHtml(): string;
}

/**
 * One section of the review: its words in every locale (with a `title`), its figures, and its HTML and
 * Markdown parts. A part returns null when the section has nothing to say in this run (it is then left
 * out, with its entry in the contents). Every data-derived string is escaped by the part that prints it.
 */
export interface SectionSpec<Id extends string, T extends { readonly title: string }> {
  readonly id: Id;
  readonly texts: Readonly<Record<Locale, Texts<T>>>;
  figures?(ctx: SectionContext<Texts<T>>): readonly (SectionFigure | null)[];
  html(ctx: HtmlSectionContext<Texts<T>>): string | null;
  markdown(ctx: MarkdownSectionContext<Texts<T>>): string | null;
}

/** A section as the renderers call it: the same calls whatever its words. */
export interface Section<Id extends string, T extends { readonly title: string }> {
  readonly id: Id;
  readonly texts: Readonly<Record<Locale, Texts<T>>>;
  title(locale: Locale): string;
  /** Its figures with the locale's number separators; suppressed segments never reach one. */
  figures(ctx: ReportContext): SectionFigure[];
  html(ctx: ReportContext, figures: readonly SectionFigure[]): string | null;
  markdown(ctx: ReportContext): string | null;
}

const e = escapeHtml;
const m = escapeMarkdown;

/** A chart's placeholder and its spec; strings in the spec are made inert for plotly, the JSON for the script element. */
function figureHtml(id: string, figure: Figure): string {
  const height = typeof figure.layout.height === 'number' ? figure.layout.height : 380;
  return `<div class="figure"><div class="seglab-figure" id="${e(id)}" style="min-height:${height}px"></div><script type="application/json" id="${e(id)}-spec">${jsonForScript(inertFigure(figure))}</script></div>`;
}

export function defineSection<Id extends string, T extends { readonly title: string }>(spec: SectionSpec<Id, T>): Section<Id, T> {
  const own = (ctx: ReportContext): SectionContext<Texts<T>> => ({ ...ctx, t: spec.texts[ctx.data.locale] });
  return {
    id: spec.id,
    texts: spec.texts,
    title: (locale) => spec.texts[locale].title,
    figures: (ctx) => {
      const out: SectionFigure[] = [];
      for (const f of spec.figures?.(own(ctx)) ?? []) {
        if (!f) continue;
        // Plotly formats numbers with these decimal and thousands separators.
        f.figure.layout.separators = ctx.data.locale === 'fr' ? ', ' : '.,';
        out.push(f);
      }
      return out;
    },
    html: (ctx, figures) => {
      const byId = new Map(figures.map((f) => [f.id, f]));
      return spec.html({
        ...own(ctx),
        figures,
        figure: (id) => {
          const f = byId.get(id);
          return f ? figureHtml(f.id, f.figure) : '';
        },
        segmentName: (id) => `<span class="name-cell"><span class="dot" style="--seg:${ctx.seg.color(id)}"></span>${e(ctx.seg.name(id))}</span>`,
        suppressed: () => {
          if (!ctx.seg.suppressedIds.length) return '';
          const min = ctx.fmt.integer(ctx.data.personas.minGroupSize);
          return `<ul class="plain">${ctx.seg.suppressedIds.map((id) => `<li class="suppressed">${e(ctx.common.suppressedSegment(id, min, ctx.seg.whySuppressed(id)))}</li>`).join('')}</ul>`;
        },
      });
    },
    markdown: (ctx) =>
      spec.markdown({
        ...own(ctx),
        suppressed: () => {
          if (!ctx.seg.suppressedIds.length) return '';
          const min = ctx.fmt.integer(ctx.data.personas.minGroupSize);
          return '\n\n' + ctx.seg.suppressedIds.map((id) => `- *${m(ctx.common.suppressedSegment(id, min, ctx.seg.whySuppressed(id)))}*`).join('\n');
        },
        chartsInHtml: () => `*${m(ctx.common.chartsInHtml)}*`,
      }),
  };
}
