import type { DuckSession, Row } from '../data/DuckSession';
import type { Engine, EngineInfo } from './Engine';

/** The embedded DuckDB session as an Engine (closing it leaves the session open: its owner closes it). */
export class DuckDbEngine implements Engine {
  readonly name = 'duckdb';

  constructor(readonly session: DuckSession) {}

  async run(sql: string): Promise<void> {
    await this.session.run(sql);
  }

  async all(sql: string): Promise<Row[]> {
    return this.session.all(sql);
  }

  async describe(): Promise<EngineInfo> {
    return { engine: 'duckdb', version: String(await this.session.scalar('SELECT version()')) };
  }

  async close(): Promise<void> {}
}
