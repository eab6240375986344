import { DuckSession, type DuckSessionOptions } from '../data/DuckSession';

/** Run `work` with an in-memory DuckDB session that is closed afterwards, whatever happens. */
export async function withDuckSession<T>(work: (session: DuckSession) => Promise<T>, options: DuckSessionOptions = {}): Promise<T> {
  const session = await DuckSession.open(options);
  try {
    return await work(session);
  } finally {
    session.close();
  }
}
