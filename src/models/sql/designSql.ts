import { assertUnreachable } from '../../core/assertUnreachable';
import { quoteIdentifier } from '../../rules/sql/quoteIdentifier';
import { quoteLiteral } from '../../rules/sql/quoteLiteral';
import type { SqlDialect } from '../../rules/sql/SqlDialect';
import { sqlNumber } from '../../rules/sql/sqlNumber';
import { MISSING_LEVEL, type DesignEncoder } from '../design/DesignEncoder';

/**
 * The SQL expression of every design column of an encoder, over a table with the feature table's columns
 * (as DesignEncoder.transform builds them from a FeatureFrame): a number as is (codes) or with its training
 * median for NULL and a 0/1 missing indicator (one-hot); a category as its level code, or one 0/1 column per
 * level; an unseen level is "(other)" (or missing, when training had no rare level), as in process.
 */
export function designSql(encoder: DesignEncoder, dialect: SqlDialect): string[] {
  const out: string[] = [];
  for (const c of encoder.columns) {
    const col = quoteIdentifier(c.name, dialect);
    switch (c.role) {
      case 'numeric':
        if (encoder.encoding === 'codes') out.push(col);
        else {
          out.push(`COALESCE(${col}, ${sqlNumber(c.median ?? 0)})`);
          if (c.indicator) out.push(`CASE WHEN ${col} IS NULL THEN 1 ELSE 0 END`);
        }
        break;
      case 'categorical': {
        const other = c.other ? c.levels.length : null;
        const whens = c.levels.map((level, k) => `WHEN ${col} = ${quoteLiteral(level, dialect)} THEN ${k}`).join(' ');
        if (encoder.encoding === 'codes') {
          out.push(`CASE WHEN ${col} IS NULL THEN NULL ${whens} ELSE ${other ?? 'NULL'} END`);
        } else {
          const missing = c.levels.indexOf(MISSING_LEVEL);
          const missingCode = missing >= 0 ? missing : other;
          const code = `CASE WHEN ${col} IS NULL THEN ${missingCode ?? -1} ${whens} ELSE ${other ?? -1} END`;
          for (let k = 0; k < c.levels.length + (c.other ? 1 : 0); k++) out.push(`CASE WHEN (${code}) = ${k} THEN 1 ELSE 0 END`);
        }
        break;
      }
      default:
        assertUnreachable(c);
    }
  }
  return out;
}
