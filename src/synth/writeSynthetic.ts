import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeJsonAtomic } from '../core/atomicWrite';
import { silentProgress, type Progress } from '../core/progress';
import { Rng } from '../core/rng';
import { CUSTOMERS_SCHEMA, EVENT_TYPES, EVENTS_SCHEMA, TRANSACTIONS_SCHEMA } from '../data/schema';
import { allocateKinds } from './allocateKinds';
import { CATEGORIES } from './catalog';
import { CsvSink } from './CsvSink';
import { CustomerPlan, NEW_TENURE_DAYS, NOT_YET, ORDER_RATE_SHAPE, planCustomer } from './CustomerPlan';
import { customerProfile, CUSTOMER_SURVEY_COLUMNS, MISSING_RATES, MOBILE, type ProfileTraits } from './customerProfile';
import { DAY_S, TIME_OF_DAY } from './dates';
import { EventBuffer, generateEvents } from './events';
import { customerId, customerIdWidth, hex8, scramble32 } from './ids';
import { APP, CHANNELS, expectedOrders, expectedReturnShare, generateOrders, OrderBuffer } from './orders';
import { LAPSED, SEGMENT_COUNT, SEGMENT_PROFILES, SEGMENTS, type Segment } from './segments';
import { SynthCalendar, type PromoPeriod } from './SynthCalendar';
import { BASELINE_DRIFT, checkOutDir, resolveSynthParams, segmentShares, type DriftSpec, type ResolvedSynthParams, type SynthParams } from './synthParams';
import { transitionMatrix } from './transitions';

/** Bump when the same params would produce different files. */
export const GENERATOR_VERSION = '1.0.0';
export const SYNTH_SCHEMA_VERSION = 1;
export const GROUND_TRUTH_COLUMNS = ['customer_id', 'quarter', 'latent_segment', 'churned'] as const;
/** Customers generated between two waits for the output streams. */
const BATCH = 512;

export type SynthTable = 'customers' | 'transactions' | 'events' | 'ground_truth';

export interface SynthQuarterSummary {
  quarter: string;
  start: string;
  /** Last day of the quarter. */
  end: string;
  /** Reference date for features and labels of this quarter (first day of the next quarter). */
  asOf: string;
  drift: boolean;
  /** Customers signed up before asOf (= ground-truth rows of the quarter). */
  customers: number;
  /** Customers who signed up during the quarter. */
  newCustomers: number;
  segmentCounts: Record<Segment, number>;
  churned: number;
  /** Share of mobile as main device among the quarter's new customers (null without new customers). */
  newCustomerMobileShare: number | null;
  /** Orders (returns excluded) placed in the quarter and the share placed in the app. */
  orders: number;
  appOrderShare: number | null;
  /** Customers by segment at the previous quarter's end (rows) and at this quarter's end (columns); null for the first quarter. */
  migration: Record<Segment, Record<Segment, number>> | null;
}

/** Rows: segment at the previous quarter end (plus "new_promising (promo-acquired)"); columns: segment after the quarter start. */
export type TransitionTable = Record<string, Record<Segment, number>>;

export interface SynthSummary {
  schemaVersion: number;
  generator: 'seglab-synth';
  generatorVersion: string;
  params: ResolvedSynthParams;
  seed: number;
  /** File names inside the output folder; events is null when not written. */
  files: Record<SynthTable, string | null> & { summary: 'synth.json' };
  columns: Record<SynthTable, string[]>;
  rowCounts: Record<SynthTable, number>;
  dateRange: {
    /** First day of transactions. */
    start: string;
    /** Last day of data (inclusive); the data end before `endExclusive`. */
    end: string;
    endExclusive: string;
    /** First day of the events table, null without events. */
    eventsFrom: string | null;
    /** Earliest possible signup date (customers existed before the history starts). */
    signupFrom: string;
  };
  quarters: SynthQuarterSummary[];
  promoPeriods: PromoPeriod[];
  /** share: the one used at the end of the first quarter (the resolved segmentMix, or the profile's default). */
  segments: Record<Segment, { label: string; description: string; share: number }>;
  drift: {
    enabled: boolean;
    /** Quarters whose transitions, newcomers and channel mix use `applied`. */
    quarters: string[];
    baseline: DriftSpec;
    applied: DriftSpec;
    /** Quarter-start transition probabilities, from-segment → to-segment. */
    transitions: { baseline: TransitionTable; applied: TransitionTable };
    description: string[];
  };
  definitions: Record<string, string>;
  missingRates: Record<string, number>;
  calibration: {
    /** Requested mean transaction rows per customer, null when the segment rates were used as they are. */
    transactionsPerCustomer: number | null;
    /** Factor applied to every segment's ordersPerMonth to hit transactionsPerCustomer in expectation. */
    orderRateScale: number;
    actualTransactionsPerCustomer: number;
  };
}

const TRUE_FALSE = ['false', 'true'] as const;

function formatCents(c: number): string {
  const a = c < 0 ? -c : c;
  const r = a % 100;
  return (c < 0 ? '-' : '') + Math.floor(a / 100) + (r < 10 ? '.0' : '.') + r;
}

/**
 * Generate a synthetic customer data set into `outDir`: customers, transactions, events (optional),
 * ground_truth (latent segment and churn per customer and quarter — never read by the pipeline) as
 * CSV or CSV.gz, and synth.json describing it. Everything is drawn from seeded streams derived per
 * customer and purpose, so the same params give byte-identical files; rows are streamed in batches,
 * so memory stays bounded for millions of customers. Files appear only when all are complete.
 */
export async function writeSynthetic(params: SynthParams, outDir: string, progress: Progress = silentProgress): Promise<SynthSummary> {
  const p = resolveSynthParams(params);
  checkOutDir(outDir);
  const dir = resolve(outDir);
  const cal = new SynthCalendar(p);
  const N = p.customers;
  const nQ = cal.quarters.length;
  const shares = segmentShares(p);
  const kinds = allocateKinds(N, nQ, p.seed, shares);
  const matrix = transitionMatrix(p.drift);
  const plan = new CustomerPlan(nQ);
  const planRng = (i: number): Rng => Rng.derive(p.seed, `plan:${i}`);

  // Pass 1 (only when calibrating): expected transaction rows at rate scale 1.
  let rateScale = 1;
  if (p.transactionsPerCustomer !== null) {
    progress.start('synth: calibrate order rates', N);
    let fixed = 0;
    let scaled = 0;
    for (let i = 0; i < N; i++) {
      planCustomer(plan, kinds[i]!, cal, p.drift, matrix, planRng(i));
      const e = expectedOrders(plan, cal);
      const rows = 1 + expectedReturnShare(plan);
      fixed += e.fixed * rows;
      scaled += e.scaled * rows;
      if ((i & 0xffff) === 0) progress.update(i);
    }
    // Welcome orders do not scale; the rest does (never below a tenth of the documented rates).
    if (scaled > 0) rateScale = Math.max(0.1, (p.transactionsPerCustomer * N - fixed) / scaled);
    progress.end(`order rate scale ${rateScale.toFixed(3)}`);
  }

  const ext = p.compress ? '.csv.gz' : '.csv';
  const fileName = (t: SynthTable): string => t + ext;
  const columns: Record<SynthTable, string[]> = {
    customers: [...CUSTOMERS_SCHEMA.columns.map((c) => c.name), ...CUSTOMER_SURVEY_COLUMNS],
    transactions: TRANSACTIONS_SCHEMA.columns.map((c) => c.name),
    events: EVENTS_SCHEMA.columns.map((c) => c.name),
    ground_truth: [...GROUND_TRUTH_COLUMNS],
  };
  const sinks: CsvSink[] = [];
  const open = (t: SynthTable): CsvSink => {
    const sink = new CsvSink(join(dir, fileName(t)), columns[t], p.compress);
    sinks.push(sink);
    return sink;
  };

  const width = customerIdWidth(N);
  const orderKey = Rng.derive(p.seed, 'order-ids').nextUint32();
  const sessionKey = Rng.derive(p.seed, 'session-ids').nextUint32();
  const orders = new OrderBuffer();
  const events = new EventBuffer();
  const traits: ProfileTraits = { device: 0, optIn: false };
  let ordinals = new Uint32Array(64);
  let orderCounter = 0;
  let sessionCounter = 0;

  // Summary counters.
  const segCounts = Array.from({ length: nQ }, () => new Float64Array(SEGMENT_COUNT));
  const migration = Array.from({ length: nQ }, () => Array.from({ length: SEGMENT_COUNT }, () => new Float64Array(SEGMENT_COUNT)));
  const quarterCustomers = new Float64Array(nQ);
  const newCustomers = new Float64Array(nQ);
  const newMobile = new Float64Array(nQ);
  const quarterOrders = new Float64Array(nQ);
  const quarterApp = new Float64Array(nQ);
  const churned = new Float64Array(nQ);
  const bought = new Uint8Array(nQ);
  const quarterOfDay = new Int8Array(cal.days).fill(-1);
  cal.quarters.forEach((q, k) => quarterOfDay.fill(k, q.startDay, q.asOfDay));
  const segNames = SEGMENTS;
  const catNames = CATEGORIES.map((c) => c.name);

  progress.start('synth: write customers, transactions' + (p.events ? ', events' : '') + ', ground truth', N);
  let customersOut: CsvSink, transactionsOut: CsvSink, eventsOut: CsvSink | null, truthOut: CsvSink;
  try {
    customersOut = open('customers');
    transactionsOut = open('transactions');
    eventsOut = p.events ? open('events') : null;
    truthOut = open('ground_truth');
  } catch (err) {
    for (const sink of sinks) sink.abort();
    throw err;
  }
  try {
    for (let i = 0; i < N; i++) {
      planCustomer(plan, kinds[i]!, cal, p.drift, matrix, planRng(i));
      const cid = customerId(i, width);
      customersOut.line(cid + ',' + customerProfile(plan, cal, p.drift, Rng.derive(p.seed, `profile:${i}`), traits));

      generateOrders(plan, traits.device, cal, p.drift, rateScale, Rng.derive(p.seed, `orders:${i}`), orders);
      if (ordinals.length < orders.n) ordinals = new Uint32Array(orders.ts.length);
      bought.fill(0);
      for (let j = 0; j < orders.n; j++) {
        const r = orders.order[j]!;
        const ts = orders.ts[r]!;
        const back = orders.returnOf[r]!;
        let id: string;
        if (back === -1) {
          ordinals[r] = orderCounter++;
          id = 'O' + hex8(scramble32(ordinals[r]!, orderKey));
          const q = quarterOfDay[Math.floor(ts / DAY_S)]!;
          if (q >= 0) {
            bought[q] = 1;
            quarterOrders[q]!++;
            if (orders.channel[r] === APP) quarterApp[q]!++;
          }
        } else id = 'R' + hex8(scramble32(ordinals[back]!, orderKey));
        transactionsOut.line(
          `${id},${cid},${cal.dateOf(Math.floor(ts / DAY_S))} ${TIME_OF_DAY[ts % DAY_S]},${formatCents(orders.cents[r]!)},${orders.items[r]},` +
            `${catNames[orders.category[r]!]},${TRUE_FALSE[orders.discount[r]!]},${CHANNELS[orders.channel[r]!]},${back === -1 ? 'false' : 'true'}`,
        );
      }

      if (eventsOut) {
        generateEvents(plan, orders, traits.optIn, cal, Rng.derive(p.seed, `events:${i}`), events);
        for (let j = 0; j < events.n; j++) {
          const e = events.order[j]!;
          const ts = events.ts[e]!;
          const s = events.session[e]!;
          eventsOut.line(
            `${cid},${cal.dateOf(Math.floor(ts / DAY_S))} ${TIME_OF_DAY[ts % DAY_S]},${EVENT_TYPES[events.type[e]!]},` +
              (s < 0 ? '' : 'S' + hex8(scramble32(sessionCounter + s, sessionKey))),
          );
        }
        sessionCounter += events.sessions;
      }

      for (let k = 0; k < nQ; k++) {
        const label = plan.labels[k]!;
        if (label === NOT_YET) continue;
        const q = cal.quarters[k]!;
        const isChurned = label === LAPSED && !bought[k];
        truthOut.line(`${cid},${q.name},${segNames[label]},${isChurned ? 'true' : 'false'}`);
        quarterCustomers[k]!++;
        segCounts[k]![label]!++;
        if (isChurned) churned[k]!++;
        if (k > 0 && plan.labels[k - 1] !== NOT_YET) migration[k]![plan.labels[k - 1]!]![label]!++;
        if (plan.signupDay >= q.startDay) {
          newCustomers[k]!++;
          if (traits.device === MOBILE) newMobile[k]!++;
        }
      }

      if ((i + 1) % BATCH === 0) {
        progress.update(i + 1);
        for (const sink of sinks) await sink.drain();
        // Let zlib and the file system callbacks run.
        await new Promise<void>((done) => setImmediate(done));
      }
    }
    for (const sink of sinks) await sink.close();
  } catch (err) {
    for (const sink of sinks) sink.abort();
    throw err;
  }
  progress.end(`${N.toLocaleString('en-US')} customers, ${transactionsOut.rows.toLocaleString('en-US')} transactions` + (eventsOut ? `, ${eventsOut.rows.toLocaleString('en-US')} events` : ''));

  const wasSynth = readGenerator(join(dir, 'synth.json')) === 'seglab-synth';
  for (const sink of sinks) sink.commit();
  if (wasSynth) {
    // A previous synth run in the same folder may have left the other format or an events table.
    const written = new Set(sinks.map((s) => s.path));
    for (const t of ['customers', 'transactions', 'events', 'ground_truth'] as const) {
      for (const e of ['.csv', '.csv.gz']) {
        const path = join(dir, t + e);
        if (!written.has(path)) rmSync(path, { force: true });
      }
    }
  }

  const record = <T>(f: (s: number) => T): Record<Segment, T> =>
    Object.fromEntries(SEGMENTS.map((s, k) => [s, f(k)])) as Record<Segment, T>;
  const summary: SynthSummary = {
    schemaVersion: SYNTH_SCHEMA_VERSION,
    generator: 'seglab-synth',
    generatorVersion: GENERATOR_VERSION,
    params: p,
    seed: p.seed,
    files: {
      customers: fileName('customers'),
      transactions: fileName('transactions'),
      events: eventsOut ? fileName('events') : null,
      ground_truth: fileName('ground_truth'),
      summary: 'synth.json',
    },
    columns,
    rowCounts: {
      customers: customersOut.rows,
      transactions: transactionsOut.rows,
      events: eventsOut ? eventsOut.rows : 0,
      ground_truth: truthOut.rows,
    },
    dateRange: {
      start: p.startDate,
      end: cal.dateOf(cal.days - 1),
      endExclusive: cal.dateOf(cal.days),
      eventsFrom: p.events ? p.eventsFrom : null,
      signupFrom: cal.dateOf(-3 * 365),
    },
    quarters: cal.quarters.map((q, k) => ({
      quarter: q.name,
      start: q.start,
      end: q.end,
      asOf: q.asOf,
      drift: q.drift,
      customers: quarterCustomers[k]!,
      newCustomers: newCustomers[k]!,
      segmentCounts: record((s) => segCounts[k]![s]!),
      churned: churned[k]!,
      newCustomerMobileShare: newCustomers[k]! > 0 ? round4(newMobile[k]! / newCustomers[k]!) : null,
      orders: quarterOrders[k]!,
      appOrderShare: quarterOrders[k]! > 0 ? round4(quarterApp[k]! / quarterOrders[k]!) : null,
      migration: k === 0 ? null : record((from) => record((to) => migration[k]![from]![to]!)),
    })),
    promoPeriods: cal.promoPeriods,
    segments: record((s) => {
      const prof = SEGMENT_PROFILES[SEGMENTS[s]!];
      return { label: prof.label, description: prof.description, share: shares[s]! };
    }),
    drift: {
      enabled: p.driftEnabled,
      quarters: cal.quarters.filter((q) => q.drift).map((q) => q.name),
      baseline: { ...BASELINE_DRIFT },
      applied: p.drift,
      transitions: { baseline: matrixRecord(transitionMatrix(BASELINE_DRIFT)), applied: matrixRecord(matrix) },
      description: [
        'Drift quarters are the labelled quarters after the first; every change applies from their first day. With drift: false they use the baseline values, which roughly keep the first quarter\'s mix.',
        'More mobile: customers who sign up in a drift quarter have mobile as main device with probability newcomerMobileShare (baseline: segment mix, about 0.6 for newcomers), and the odds of the app channel are multiplied by appChannelBoost for every order placed in a drift quarter.',
        'Promo hunters grow: loyal regulars become promo hunters with probability loyalToPromo and window shoppers with windowToPromo (sales convert browsers); newcomerPromoShare of the quarter\'s sign-ups are promo-acquired (new promising who order like promo hunters, 65% of whom become promo hunters when they graduate); other graduating new customers become promo hunters with probability newGraduateToPromo.',
        'At-risk customers lapse: with probability atRiskToLapsed an at-risk customer stops buying and browsing at the quarter start, so it is lapsed (and churned) at the quarter end.',
        'Transitions are drawn once per customer at each drift quarter start from drift.transitions.applied (rows: segment at the previous quarter end; the row "new_promising (promo-acquired)" is used for promo-acquired new customers). New promising customers younger than 180 days at the quarter end do not move.',
      ],
    },
    definitions: {
      latent_segment: `Latent state of the customer on the last day of the quarter; it generated the customer's behaviour since its last change (changes happen at quarter starts). new_promising = signed up less than ${NEW_TENURE_DAYS} days before asOf and bought; window shoppers who sign up are window shoppers from day one.`,
      churned: 'true when latent_segment is "lapsed" and the customer placed no order (returns excluded) during the quarter. Customers lapse at a quarter start or earlier, so every lapsed customer is churned in that quarter.',
      ground_truth_rows: 'One row per customer and labelled quarter, for customers who signed up before the quarter\'s asOf. The pipeline never reads this file.',
      first_quarter_design: 'Segment counts at the end of the first quarter are exact (largest remainder on the segment shares); each history is drawn backwards from that label: at-risk customers were regulars or VIPs until a decline 90-200 days before asOf, lapsed customers stopped buying 60 days to two years before the quarter began.',
      transactions: 'One row per order, sorted by customer then time. New and promo-acquired customers place their first order on the signup day. Returns are their own rows: order_id "R" + the returned order\'s number, negative amount and items, is_return true, 2-30 days after the order. amount is what was paid (after discount), in EUR.',
      events: `From eventsFrom on, sorted by customer then time. Each online (web/app) order has a purchase session (session, product_view…, one add_to_cart, then the order in transactions); browsing sessions may add to cart and leave: add_to_cart then cart_abandoned 30-60 minutes later, so abandonment rate = cart_abandoned / add_to_cart. Campaign e-mails (weekly newsletter, sale openings and last calls) go to opted-in customers only: each email_open follows an email_sent, each email_click an email_open. E-mail events have no session_id. Store orders have no events.`,
      timestamps: 'UTC, "YYYY-MM-DD HH:MM:SS"; signup_date is a date. Customers may have signed up up to three years before the history starts.',
      customers: 'One row per customer who signed up before the end of the data; demographics as of the end. interests (one main interest), price_sensitivity (1-5) and eco_consciousness (1-5) are survey answers, not canonical columns.',
      purchase_rates: `Per segment phase, orders ~ Poisson(ordersPerMonth × Gamma(${ORDER_RATE_SHAPE}, 1/${ORDER_RATE_SHAPE}) customer factor × orderRateScale × weekly/yearly seasonality × promotion boost): a negative binomial (NBD) across customers; regular segments place most orders one per equal slice of intensity, promo hunters in bursts during sales. Baskets are lognormal around the customer's median (σ 0.45) times a category factor.`,
    },
    missingRates: { ...MISSING_RATES },
    calibration: {
      transactionsPerCustomer: p.transactionsPerCustomer,
      orderRateScale: round4(rateScale),
      actualTransactionsPerCustomer: round4(transactionsOut.rows / N),
    },
  };
  writeJsonAtomic(join(dir, 'synth.json'), summary);
  return summary;
}

function matrixRecord(rows: readonly Float64Array[]): TransitionTable {
  const out: TransitionTable = {};
  rows.forEach((row, k) => {
    const name = k < SEGMENT_COUNT ? SEGMENTS[k]! : 'new_promising (promo-acquired)';
    out[name] = Object.fromEntries(SEGMENTS.map((s, j) => [s, round4(row[j]!)])) as Record<Segment, number>;
  });
  return out;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function readGenerator(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { generator?: string }).generator;
  } catch {
    return undefined;
  }
}
