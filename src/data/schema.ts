/**
 * Canonical tables. Whatever the source files look like, loading maps them (through the config's
 * column mapping) onto these names and types; features and every later stage read only these.
 */

/** What a column means to seglab; decides which checks and features apply. */
export type ColumnRole = 'id' | 'timestamp' | 'numeric' | 'categorical' | 'boolean' | 'target';

export type TableName = 'customers' | 'transactions' | 'events';
export const TABLE_NAMES: readonly TableName[] = ['customers', 'transactions', 'events'];

export interface ColumnSpec {
  name: string;
  role: ColumnRole;
  /** DuckDB type the column is cast to. */
  type: 'VARCHAR' | 'TIMESTAMP' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN';
  required: boolean;
  description: string;
}

export interface TableSchema {
  table: TableName;
  /** Column that identifies the entity (customer_id for every table). */
  key: string;
  columns: readonly ColumnSpec[];
}

export const CUSTOMERS_SCHEMA: TableSchema = {
  table: 'customers',
  key: 'customer_id',
  columns: [
    { name: 'customer_id', role: 'id', type: 'VARCHAR', required: true, description: 'Customer identifier (pseudonymised on load when a key is set).' },
    { name: 'signup_date', role: 'timestamp', type: 'TIMESTAMP', required: false, description: 'Account creation date.' },
    { name: 'age', role: 'numeric', type: 'DOUBLE', required: false, description: 'Age in years.' },
    { name: 'gender', role: 'categorical', type: 'VARCHAR', required: false, description: 'Self-declared gender.' },
    { name: 'region', role: 'categorical', type: 'VARCHAR', required: false, description: 'Region or country.' },
    { name: 'city', role: 'categorical', type: 'VARCHAR', required: false, description: 'City.' },
    { name: 'income_band', role: 'categorical', type: 'VARCHAR', required: false, description: 'Income band, e.g. "30-50k".' },
    { name: 'device', role: 'categorical', type: 'VARCHAR', required: false, description: 'Main device: mobile, desktop, tablet.' },
    { name: 'acquisition_channel', role: 'categorical', type: 'VARCHAR', required: false, description: 'How the customer was acquired.' },
    { name: 'email_opt_in', role: 'boolean', type: 'BOOLEAN', required: false, description: 'Consent to marketing e-mail.' },
  ],
};

export const TRANSACTIONS_SCHEMA: TableSchema = {
  table: 'transactions',
  key: 'customer_id',
  columns: [
    { name: 'order_id', role: 'id', type: 'VARCHAR', required: false, description: 'Order or invoice id; several lines may share one. Generated per row when absent.' },
    { name: 'customer_id', role: 'id', type: 'VARCHAR', required: true, description: 'Customer identifier.' },
    { name: 'ts', role: 'timestamp', type: 'TIMESTAMP', required: true, description: 'Time of the order.' },
    { name: 'amount', role: 'numeric', type: 'DOUBLE', required: true, description: 'Line or order value in currency units; negative for returns.' },
    { name: 'items', role: 'numeric', type: 'DOUBLE', required: false, description: 'Number of items.' },
    { name: 'category', role: 'categorical', type: 'VARCHAR', required: false, description: 'Product category.' },
    { name: 'discount_used', role: 'boolean', type: 'BOOLEAN', required: false, description: 'Whether a discount or promo code was applied.' },
    { name: 'channel', role: 'categorical', type: 'VARCHAR', required: false, description: 'Sales channel: web, app, store, ….' },
    { name: 'is_return', role: 'boolean', type: 'BOOLEAN', required: false, description: 'Cancellation / return line (e.g. UCI invoices prefixed "C"). Defaults to amount < 0.' },
  ],
};

/** Event types the features understand; others are kept but unused. */
export type EventType =
  | 'session'
  | 'product_view'
  | 'add_to_cart'
  | 'cart_abandoned'
  | 'email_sent'
  | 'email_open'
  | 'email_click';
export const EVENT_TYPES: readonly EventType[] = [
  'session',
  'product_view',
  'add_to_cart',
  'cart_abandoned',
  'email_sent',
  'email_open',
  'email_click',
];

export const EVENTS_SCHEMA: TableSchema = {
  table: 'events',
  key: 'customer_id',
  columns: [
    { name: 'customer_id', role: 'id', type: 'VARCHAR', required: true, description: 'Customer identifier.' },
    { name: 'ts', role: 'timestamp', type: 'TIMESTAMP', required: true, description: 'Time of the event.' },
    { name: 'event_type', role: 'categorical', type: 'VARCHAR', required: true, description: `One of: ${EVENT_TYPES.join(', ')}. One add_to_cart per cart started; cart_abandoned when that cart was not bought.` },
    { name: 'session_id', role: 'id', type: 'VARCHAR', required: false, description: 'Session the event belongs to.' },
  ],
};

export const SCHEMAS: Record<TableName, TableSchema> = {
  customers: CUSTOMERS_SCHEMA,
  transactions: TRANSACTIONS_SCHEMA,
  events: EVENTS_SCHEMA,
};
